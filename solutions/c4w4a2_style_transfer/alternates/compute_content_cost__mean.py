# Correct: the mean of the squared differences, divided by 4.
def compute_content_cost(content_output, generated_output):
    a_C = content_output[-1]
    a_G = generated_output[-1]
    diff = a_C - a_G
    J_content = (diff * diff).mean() / 4
    return J_content
