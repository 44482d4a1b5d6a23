# Correct: everything passed by keyword, predictions made from params directly.
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
          print_cost=False):
    w, b = initialize_with_zeros(dim=X_train.shape[0])
    params, grads, costs = optimize(w=w, b=b, X=X_train, Y=Y_train,
                                    num_iterations=num_iterations,
                                    learning_rate=learning_rate, print_cost=False)
    d = {"w": params["w"], "b": params["b"], "costs": costs,
         "learning_rate": learning_rate, "num_iterations": num_iterations}
    d["Y_prediction_train"] = predict(w=d["w"], b=d["b"], X=X_train)
    d["Y_prediction_test"] = predict(w=d["w"], b=d["b"], X=X_test)
    return d
