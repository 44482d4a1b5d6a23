# Correct, written differently: the correction factors computed once, sqrt as ** 0.5, dict
# comprehensions over the gradient names.
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8):
    c1, c2 = 1.0 / (1.0 - beta1 ** t), 1.0 / (1.0 - beta2 ** t)
    new_v = {g: beta1 * v[g] + (1 - beta1) * grads[g] for g in grads if g[1] in "Wb"}
    new_s = {g: beta2 * s[g] + (1 - beta2) * grads[g] * grads[g] for g in new_v}
    v_corrected = {g: c1 * new_v[g] for g in new_v}
    s_corrected = {g: c2 * new_s[g] for g in new_s}
    new_parameters = {k: p - learning_rate * v_corrected["d" + k] / (s_corrected["d" + k] ** 0.5 + epsilon)
                      for k, p in parameters.items()}
    return new_parameters, new_v, new_s, v_corrected, s_corrected
