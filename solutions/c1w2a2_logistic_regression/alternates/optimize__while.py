# Correct: a while loop, costs recorded through a counter.
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    params = {"w": np.array(w, dtype=float), "b": b}
    costs = []
    i = 0
    while i < num_iterations:
        grads, cost = propagate(params["w"], params["b"], X, Y)
        if not i % 100:
            costs.append(cost)
        params = {"w": params["w"] - learning_rate * grads["dw"],
                  "b": params["b"] - learning_rate * grads["db"]}
        i += 1
    return params, grads, costs
