# Correct, written differently: computes the cost at every iteration (as many tutorials do),
# reads the sizes from the shapes, and uses a while loop.
import numpy as np
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    sizes = layer_sizes(X, Y)
    parameters = initialize_parameters(sizes[0], n_h, sizes[2])
    i = 0
    while i < num_iterations:
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate=1.2)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
        i += 1
    return parameters
