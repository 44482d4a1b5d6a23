# Correct: a NumPy scalar for arrays (np.float32), a tensor for tensors.
def compute_content_cost(content_output, generated_output):
    a_C = content_output[-1]
    a_G = generated_output[-1]
    _, n_H, n_W, n_C = a_G.shape
    J_content = ((a_C - a_G) ** 2).sum() * (1.0 / (4 * n_H * n_W * n_C))
    if isinstance(J_content, np.floating):
        return np.float32(J_content)
    return J_content
