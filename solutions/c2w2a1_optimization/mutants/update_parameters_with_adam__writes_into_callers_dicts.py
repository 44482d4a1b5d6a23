# Mistake: wrote the new moments and parameters into the caller's dicts v, s and parameters.
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key, dkey = name + str(l), "d" + name + str(l)
            v[dkey] = beta1 * v[dkey] + (1 - beta1) * grads[dkey]
            s[dkey] = beta2 * s[dkey] + (1 - beta2) * grads[dkey] ** 2
            v_corrected[dkey] = v[dkey] / (1 - beta1 ** t)
            s_corrected[dkey] = s[dkey] / (1 - beta2 ** t)
            parameters[key] -= learning_rate * v_corrected[dkey] / (np.sqrt(s_corrected[dkey]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
