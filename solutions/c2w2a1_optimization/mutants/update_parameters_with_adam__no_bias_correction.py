# Mistake: no bias correction: v_corrected and s_corrected are v and s.
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    new_parameters, new_v, new_s, v_corrected, s_corrected = {}, {}, {}, {}, {}
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key, dkey = name + str(l), "d" + name + str(l)
            new_v[dkey] = beta1 * v[dkey] + (1 - beta1) * grads[dkey]
            new_s[dkey] = beta2 * s[dkey] + (1 - beta2) * np.square(grads[dkey])
            v_corrected[dkey] = new_v[dkey]
            s_corrected[dkey] = new_s[dkey]
            new_parameters[key] = parameters[key] - learning_rate * v_corrected[dkey] / (np.sqrt(s_corrected[dkey]) + epsilon)
    return new_parameters, new_v, new_s, v_corrected, s_corrected
