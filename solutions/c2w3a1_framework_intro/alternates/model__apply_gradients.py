# Correct, written differently: explicit gradients with apply_gradients, then zero_grad.
def model(X_train, Y_train, X_test, Y_test, learning_rate=0.001, num_epochs=200,
          minibatch_size=32, print_cost=True):
    """Train the 3-layer network with mini-batch Adam.

    Arguments:
    X_train -- training data, float32 array (12288, m_train)
    Y_train -- one-hot training labels (6, m_train)
    X_test, Y_test -- the same for the test set (12288, m_test), (6, m_test)
    learning_rate -- Adam's learning rate
    num_epochs -- number of passes over the training set
    minibatch_size -- number of examples per mini-batch
    print_cost -- print the cost every 10 epochs

    Returns:
    parameters -- dict of the trained parameters, float32 arrays (shapes as initialize_parameters)
    costs -- list of num_epochs floats: the total loss of each epoch divided by m_train
    train_acc, test_acc -- lists of num_epochs floats: accuracies after each epoch
    """
    parameters = {name: Tensor(value, requires_grad=True)
                  for name, value in initialize_parameters().items()}
    optimizer = nn.Adam(learning_rate)
    m = X_train.shape[1]
    costs, train_acc, test_acc = [], [], []
    for epoch in range(num_epochs):
        epoch_total_loss = 0.0
        permutation = np.random.default_rng(epoch).permutation(m)   # a new order every epoch
        X_shuffled, Y_shuffled = X_train[:, permutation], Y_train[:, permutation]
        for start in range(0, m, minibatch_size):
            X_batch = X_shuffled[:, start:start + minibatch_size]
            Y_batch = Y_shuffled[:, start:start + minibatch_size]
            total_loss = compute_total_loss(forward_propagation(X_batch, parameters), Y_batch)
            total_loss.backward()
            grads = [p.grad for p in parameters.values()]
            optimizer.apply_gradients(zip(grads, parameters.values()))
            for p in parameters.values():
                p.zero_grad()
            epoch_total_loss = epoch_total_loss + float(total_loss.numpy())
        costs.append(epoch_total_loss / m)
        train_acc.append(accuracy(predict(X_train, parameters), np.argmax(Y_train, axis=0)))
        test_acc.append(accuracy(predict(X_test, parameters), np.argmax(Y_test, axis=0)))
        if print_cost and epoch % 10 == 0:
            print(f"Cost after epoch {epoch}: {costs[-1]:.6f}")
    parameters = {name: value.numpy() for name, value in parameters.items()}
    return parameters, costs, train_acc, test_acc
