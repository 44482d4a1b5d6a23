# Correct: a loop over the steps, the one-hot made with nn.to_categorical.
def predict_and_sample(inference_model, x_initializer, a_initializer, c_initializer):
    n_values = x_initializer.shape[2]
    pred = inference_model.predict([x_initializer, a_initializer, c_initializer])
    indices = np.stack([np.argmax(step, axis=1) for step in pred])
    results = nn.to_categorical(indices, num_classes=n_values)
    return results, indices
