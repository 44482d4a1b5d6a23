# Correct: zip over the layers' weights and activations.
def compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS):
    J_style = 0
    for (_, weight), a_S, a_G in zip(STYLE_LAYERS, style_image_output[:-1],
                                     generated_image_output[:-1]):
        J_style = J_style + weight * compute_layer_style_cost(a_S, a_G)
    return J_style
