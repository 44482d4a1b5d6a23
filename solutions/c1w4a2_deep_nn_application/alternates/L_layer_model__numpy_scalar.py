# Correct: the costs as NumPy float64 scalars (numbers) in the list.
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    costs = []                      # the cost at iterations 0, 100, 200, ...
    # 1. parameters = initialize_parameters_deep(...)
    # 2. for each iteration: L_model_forward, compute_cost, L_model_backward, update;
    #    when i % 100 == 0 append the cost to costs (and print it if print_cost is True)
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(np.float64(cost))
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters, costs
