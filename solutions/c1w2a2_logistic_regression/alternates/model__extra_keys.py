# Correct: positional calls, a dict built with dict(...), plus extra keys (allowed).
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
          print_cost=False):
    n_x = X_train.shape[0]
    w0, b0 = initialize_with_zeros(n_x)
    params, _, costs = optimize(w0, b0, X_train, Y_train, num_iterations, learning_rate,
                                print_cost)
    pred_train = predict(params["w"], params["b"], X_train)
    pred_test = predict(params["w"], params["b"], X_test)
    return dict(costs=costs, Y_prediction_test=pred_test, Y_prediction_train=pred_train,
                w=params["w"], b=params["b"], learning_rate=learning_rate,
                num_iterations=num_iterations,
                train_accuracy=100 * np.mean(pred_train == Y_train),
                test_accuracy=100 * np.mean(pred_test == Y_test))
