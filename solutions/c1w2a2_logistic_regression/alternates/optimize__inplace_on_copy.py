# Correct: in-place updates, but on a copy made with w.copy().
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w = w.copy()
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if i % 100 == 0:
            costs.append(float(cost))
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
    return {"w": w, "b": b}, grads, costs
