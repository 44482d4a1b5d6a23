# Correct: apply_gradients with the image's gradient, and np.clip with out=.
def train_step(generated_image, a_C, a_S, STYLE_LAYERS, optimizer, alpha=10, beta=40):
    outputs = feature_model(generated_image)
    J = total_cost(compute_content_cost(a_C, outputs), compute_style_cost(a_S, outputs, STYLE_LAYERS),
                   alpha, beta)
    J.backward()
    optimizer.apply_gradients([(generated_image.grad, generated_image)])
    generated_image.grad = None
    np.clip(generated_image.data, 0.0, 1.0, out=generated_image.data)
    return float(J.numpy())
