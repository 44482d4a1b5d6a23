# Correct, written differently: a projection helper, and e_i - mu for the denominator
# ((e_i - mu_orth) - mu_B equals e_i - mu).
def equalize(pair, bias_axis, word_to_vec_map):
    def along_bias(x):
        return (x @ bias_axis) / (bias_axis @ bias_axis) * bias_axis

    e = [word_to_vec_map[w] for w in pair]
    mu = (e[0] + e[1]) / 2
    mu_B = along_bias(mu)
    mu_orth = mu - mu_B
    factor = np.sqrt(abs(1 - mu_orth @ mu_orth))
    e1, e2 = (factor * (along_bias(x) - mu_B) / np.linalg.norm(x - mu) + mu_orth for x in e)
    return e1, e2
