# Correct, written differently: own forward and backward loops over the layers in plain NumPy,
# numpy.float64 costs, parameters updated in place in a dict of copies; the initialisation
# comes from utils.dnn, as the docstring prescribes.
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    params = {k: v.copy() for k, v in initialize_parameters_deep(layers_dims).items()}
    L = len(layers_dims) - 1
    m = X.shape[1]
    costs = []
    for it in range(num_iterations):
        activations, pre = [X], []
        for l in range(1, L + 1):
            Z = params["W" + str(l)] @ activations[-1] + params["b" + str(l)]
            pre.append(Z)
            activations.append(np.maximum(Z, 0) if l < L else 1 / (1 + np.exp(-Z)))
        AL = activations[-1]
        if it % 100 == 0:
            costs.append(np.sum(-Y * np.log(AL) - (1 - Y) * np.log(1 - AL)) / m)
            if print_cost:
                print("Cost after iteration %i: %f" % (it, costs[-1]))
        dZ = AL - Y
        for l in reversed(range(1, L + 1)):
            W = params["W" + str(l)]
            dW = dZ @ activations[l - 1].T / m
            db = np.sum(dZ, axis=1, keepdims=True) / m
            if l > 1:
                dZ = (W.T @ dZ) * (pre[l - 2] > 0)
            params["W" + str(l)] -= learning_rate * dW
            params["b" + str(l)] -= learning_rate * db
    return params, costs
