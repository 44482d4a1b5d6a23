# Correct: the costs as NumPy float64 scalars (numbers) in the list.
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    n_x, n_h, n_y = layers_dims
    costs = []                      # the cost at iterations 0, 100, 200, ...
    # 1. parameters = initialize_parameters(...)
    # 2. for each iteration: forward (relu layer, then sigmoid layer), cost, dA2,
    #    backward (sigmoid layer, then relu layer), update; when i % 100 == 0 append the
    #    cost to costs (and print it if print_cost is True)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(np.float64(cost))
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters, costs
