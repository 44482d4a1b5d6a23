# Correct, written differently: a two-layer network is the L-layer network with L = 2, so the
# whole-network functions do the work; every cost is kept and the list is sliced at the end.
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    parameters = initialize_parameters(*layers_dims)
    all_costs = []
    i = 0
    while i < num_iterations:
        AL, caches = L_model_forward(X, parameters)
        all_costs.append(compute_cost(AL, Y))
        if print_cost and i % 100 == 0:
            print(f"Cost after iteration {i}: {all_costs[-1]:.6f}")
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches),
                                       learning_rate)
        i += 1
    return parameters, all_costs[::100]
