# Correct, written differently: the layer loop is written out with the layer-level functions
# (linear_activation_forward / _backward) instead of L_model_forward / L_model_backward.
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    parameters = initialize_parameters_deep(layers_dims)
    L = len(layers_dims) - 1
    costs = []
    for i in range(num_iterations):
        A, caches = X, []
        for l in range(1, L + 1):
            A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                                 "sigmoid" if l == L else "relu")
            caches.append(cache)
        cost = compute_cost(A, Y)
        dA = -(np.divide(Y, A) - np.divide(1 - Y, 1 - A))
        grads = {}
        for l in range(L, 0, -1):
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
                dA, caches[l - 1], "sigmoid" if l == L else "relu")
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters, costs
