"""Known mistakes in c5w2a1_word_vectors_debiasing: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    # a mistake (against the docstring)
    {"cell": "complete_analogy", "name": "additive_score",
     "says": "scored cos(e_w, e_b - e_a + e_c), the word2vec form, instead of cos(e_b - e_a, e_w - e_c); it ranks candidates differently",
     "hint": None,
     "patch": [("        cosine_sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)\n",
                "        cosine_sim = cosine_similarity(word_to_vec_map[w], e_b - e_a + e_c)\n")]},
    {"cell": "complete_analogy", "name": "input_words_not_skipped",
     "says": "did not skip the input words, so word_b (or word_a) can come back as the answer",
     "hint": None,
     "patch": [("        if w in (word_a, word_b, word_c):\n",
                "        if w == word_c:          # only skips c (whose difference would be zero)\n")]},
    {"cell": "complete_analogy", "name": "keeps_smallest",
     "says": "kept the word with the smallest similarity (comparison reversed)", "hint": None,
     "patch": [("    max_cosine_sim = -np.inf\n",
                "    best_sim = np.inf\n"),
               ("        if cosine_sim > max_cosine_sim:\n"
                "            max_cosine_sim = cosine_sim\n",
                "        if cosine_sim < best_sim:\n"
                "            best_sim = cosine_sim\n")]},
    {"cell": "complete_analogy", "name": "sum_with_wrong_sign",
     "says": "scored e_w against e_a - e_b + e_c (the sign of the relation flipped)", "hint": None,
     "patch": [("        cosine_sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)\n",
                "        cosine_sim = cosine_similarity(word_to_vec_map[w], e_a - e_b + e_c)\n")]},
    {"cell": "complete_analogy", "name": "wrong_sign",
     "says": "compared e_w - e_c with e_a - e_b (the relation reversed)", "hint": None,
     "patch": [("        cosine_sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)\n",
                "        cosine_sim = cosine_similarity(e_a - e_b, word_to_vec_map[w] - e_c)\n")]},
    {"cell": "cosine_similarity", "name": "no_norms",
     "says": "returned the dot product without dividing by the norms", "hint": None,
     "patch": [("    dot = np.dot(u, v)\n"
                "    norm_u = np.sqrt(np.sum(u * u))\n"
                "    norm_v = np.sqrt(np.sum(v * v))\n"
                "    cosine_similarity = dot / (norm_u * norm_v)\n"
                "    ### END SOLUTION\n"
                "    return cosine_similarity",
                "    return np.dot(u, v)")]},
    {"cell": "cosine_similarity", "name": "norm_of_product",
     "says": "divided by the norm of the elementwise product instead of the product of the norms",
     "hint": None,
     "patch": [("    dot = np.dot(u, v)\n"
                "    norm_u = np.sqrt(np.sum(u * u))\n"
                "    norm_v = np.sqrt(np.sum(v * v))\n"
                "    cosine_similarity = dot / (norm_u * norm_v)\n"
                "    ### END SOLUTION\n"
                "    return cosine_similarity",
                "    return np.dot(u, v) / np.linalg.norm(u * v)")]},
    {"cell": "cosine_similarity", "name": "norm_of_u_twice",
     "says": "divided by ||u|| twice (copy-paste slip: norm_v computed from u)", "hint": None,
     "patch": [("    norm_v = np.sqrt(np.sum(v * v))\n"
                "    cosine_similarity = dot / (norm_u * norm_v)\n"
                "    ### END SOLUTION\n"
                "    return cosine_similarity",
                "    norm_v = np.sqrt(np.sum(u * u))\n"
                "    return dot / (norm_u * norm_v)")]},
    {"cell": "cosine_similarity", "name": "squared_norms",
     "says": "divided by the squared norms (forgot the square roots)", "hint": None,
     "patch": [("    norm_u = np.sqrt(np.sum(u * u))\n"
                "    norm_v = np.sqrt(np.sum(v * v))\n"
                "    cosine_similarity = dot / (norm_u * norm_v)\n"
                "    ### END SOLUTION\n"
                "    return cosine_similarity",
                "    norm_u = np.sum(u * u)\n"
                "    norm_v = np.sum(v * v)\n"
                "    return dot / (norm_u * norm_v)")]},
    {"cell": "equalize", "name": "adds_mu_not_mu_orth",
     "says": "added back mu instead of mu_orth, so the pair keeps its common bias component mu_B",
     "hint": None,
     "patch": [("    corrected_e_w1B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w1B - mu_B)\n"
                "                       / np.linalg.norm(e_w1 - mu_orth - mu_B))\n"
                "    corrected_e_w2B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w2B - mu_B)\n"
                "                       / np.linalg.norm(e_w2 - mu_orth - mu_B))\n"
                "    e1 = corrected_e_w1B + mu_orth\n"
                "    e2 = corrected_e_w2B + mu_orth\n"
                "    ### END SOLUTION\n"
                "    return e1, e2",
                "    scale = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))\n"
                "    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)\n"
                "    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)\n"
                "    return corrected_e_w1B + mu, corrected_e_w2B + mu")]},
    {"cell": "equalize", "name": "no_abs",
     "says": "left out the absolute value: sqrt(1 - ||mu_orth||^2) is nan when ||mu_orth|| > 1",
     "hint": None,
     "patch": [("    corrected_e_w1B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w1B - mu_B)\n"
                "                       / np.linalg.norm(e_w1 - mu_orth - mu_B))\n"
                "    corrected_e_w2B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w2B - mu_B)\n"
                "                       / np.linalg.norm(e_w2 - mu_orth - mu_B))\n"
                "    e1 = corrected_e_w1B + mu_orth\n"
                "    e2 = corrected_e_w2B + mu_orth\n"
                "    ### END SOLUTION\n"
                "    return e1, e2",
                "    scale = np.sqrt(1 - np.sum(mu_orth * mu_orth))\n"
                "    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)\n"
                "    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)\n"
                "    return corrected_e_w1B + mu_orth, corrected_e_w2B + mu_orth")]},
    {"cell": "equalize", "name": "no_sqrt",
     "says": "forgot the square root in the correction factor: |1 - ||mu_orth||^2|", "hint": None,
     "patch": [("    corrected_e_w1B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w1B - mu_B)\n"
                "                       / np.linalg.norm(e_w1 - mu_orth - mu_B))\n"
                "    corrected_e_w2B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w2B - mu_B)\n"
                "                       / np.linalg.norm(e_w2 - mu_orth - mu_B))\n"
                "    e1 = corrected_e_w1B + mu_orth\n"
                "    e2 = corrected_e_w2B + mu_orth\n"
                "    ### END SOLUTION\n"
                "    return e1, e2",
                "    scale = np.abs(1 - np.sum(mu_orth * mu_orth))\n"
                "    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)\n"
                "    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)\n"
                "    return corrected_e_w1B + mu_orth, corrected_e_w2B + mu_orth")]},
    {"cell": "equalize", "name": "paper_denominator",
     "says": "divides by ||e_w1B - mu_B|| (the paper's form, the part along g only) instead of ||(e_w1 - mu_orth) - mu_B||; the two agree for man/woman, whose difference is g itself",
     "hint": None,
     "patch": [("                       / np.linalg.norm(e_w1 - mu_orth - mu_B))\n",
                "                       / np.linalg.norm(e_w1B - mu_B))\n"),
               ("                       / np.linalg.norm(e_w2 - mu_orth - mu_B))\n",
                "                       / np.linalg.norm(e_w2B - mu_B))\n")]},
    {"cell": "equalize", "name": "projection_onto_mu",
     "says": "projected onto the wrong vector: mu_B and e_wiB computed along mu instead of bias_axis",
     "hint": None,
     "patch": [("    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis\n",
                "    mu_B = np.dot(mu, bias_axis) / np.sum(mu * mu) * mu\n"),
               ("    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis\n"
                "    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis\n"
                "    corrected_e_w1B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w1B - mu_B)\n"
                "                       / np.linalg.norm(e_w1 - mu_orth - mu_B))\n"
                "    corrected_e_w2B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w2B - mu_B)\n"
                "                       / np.linalg.norm(e_w2 - mu_orth - mu_B))\n"
                "    e1 = corrected_e_w1B + mu_orth\n"
                "    e2 = corrected_e_w2B + mu_orth\n"
                "    ### END SOLUTION\n"
                "    return e1, e2",
                "    e_w1B = np.dot(e_w1, bias_axis) / np.sum(mu * mu) * mu\n"
                "    e_w2B = np.dot(e_w2, bias_axis) / np.sum(mu * mu) * mu\n"
                "    scale = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))\n"
                "    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)\n"
                "    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)\n"
                "    return corrected_e_w1B + mu_orth, corrected_e_w2B + mu_orth")]},
    {"cell": "equalize", "name": "projection_without_norm_squared",
     "says": "projected with (x . bias_axis) * bias_axis, forgetting to divide by ||bias_axis||^2",
     "hint": None,
     "patch": [("    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis\n",
                "    mu_B = np.dot(mu, bias_axis) * bias_axis\n"),
               ("    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis\n"
                "    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis\n"
                "    corrected_e_w1B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w1B - mu_B)\n"
                "                       / np.linalg.norm(e_w1 - mu_orth - mu_B))\n"
                "    corrected_e_w2B = (np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w2B - mu_B)\n"
                "                       / np.linalg.norm(e_w2 - mu_orth - mu_B))\n"
                "    e1 = corrected_e_w1B + mu_orth\n"
                "    e2 = corrected_e_w2B + mu_orth\n"
                "    ### END SOLUTION\n"
                "    return e1, e2",
                "    e_w1B = np.dot(e_w1, bias_axis) * bias_axis\n"
                "    e_w2B = np.dot(e_w2, bias_axis) * bias_axis\n"
                "    scale = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))\n"
                "    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)\n"
                "    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)\n"
                "    return corrected_e_w1B + mu_orth, corrected_e_w2B + mu_orth")]},
    {"cell": "neutralize", "name": "divides_by_norm",
     "says": "divided by ||g|| instead of ||g||^2", "hint": None,
     "patch": [("    e_biascomponent = np.dot(e, g) / np.sum(g * g) * g\n"
                "    e_debiased = e - e_biascomponent\n"
                "    ### END SOLUTION\n"
                "    return e_debiased",
                "    e_biascomponent = np.dot(e, g) / np.linalg.norm(g) * g\n"
                "    return e - e_biascomponent")]},
    {"cell": "neutralize", "name": "in_place",
     "says": "subtracted in place, which changes the vector stored in word_to_vec_map",
     "hint": None,
     "patch": [("    e_biascomponent = np.dot(e, g) / np.sum(g * g) * g\n"
                "    e_debiased = e - e_biascomponent\n"
                "    ### END SOLUTION\n"
                "    return e_debiased",
                "    e -= np.dot(e, g) / np.sum(g * g) * g\n"
                "    return e")]},
    {"cell": "neutralize", "name": "no_division_by_norm_squared",
     "says": "forgot to divide by ||g||^2 (g is not a unit vector)", "hint": None,
     "patch": [("    e_biascomponent = np.dot(e, g) / np.sum(g * g) * g\n"
                "    e_debiased = e - e_biascomponent\n"
                "    ### END SOLUTION\n"
                "    return e_debiased",
                "    e_biascomponent = np.dot(e, g) * g\n"
                "    return e - e_biascomponent")]},
    {"cell": "neutralize", "name": "projection_onto_e",
     "says": "subtracted the projection of g onto e instead of the projection of e onto g",
     "hint": None,
     "patch": [("    e_biascomponent = np.dot(e, g) / np.sum(g * g) * g\n"
                "    e_debiased = e - e_biascomponent\n"
                "    ### END SOLUTION\n"
                "    return e_debiased",
                "    e_biascomponent = np.dot(e, g) / np.sum(e * e) * e\n"
                "    return e - e_biascomponent")]},
    {"cell": "neutralize", "name": "returns_bias_component",
     "says": "returned the bias component itself instead of removing it", "hint": None,
     "patch": [("    e_debiased = e - e_biascomponent\n"
                "    ### END SOLUTION\n"
                "    return e_debiased",
                "    return e_biascomponent")]},
]
