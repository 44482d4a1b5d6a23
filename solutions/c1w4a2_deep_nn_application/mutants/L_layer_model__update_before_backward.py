# Mistake: updates the parameters before the backward pass of the same iteration, with the
# gradients of the previous iteration, so the last gradients are never used.
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    grads = None
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        if grads is not None:
            parameters = update_parameters(parameters, grads, learning_rate)
        grads = L_model_backward(AL, Y, caches)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost}")
    return parameters, costs
