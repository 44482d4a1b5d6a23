"""Known mistakes in c4w1a1_conv_step_by_step: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "conv_backward", "name": "assign_instead_of_add",
     "says": "uses = instead of += on the input gradient, so overlapping windows overwrite each other",
     "hint": None,
     "patch": [("        a_prev_pad = A_prev_pad[i]\n"
                "        da_prev_pad = dA_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                vs, hs = h * stride, w * stride\n"
                "                a_slice = A_prev_pad[i, vs:vs + f, hs:hs + f, :]\n"
                "                da = np.zeros((f, f, n_C_prev))\n"),
               ("                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += \\\n"
                "                        W[:, :, :, c] * dZ[i, h, w, c]\n",
                "                    da += W[:, :, :, c] * dZ[i, h, w, c]\n"),
               ("        dA_prev[i] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]\n",
                "                dA_prev_pad[i, vs:vs + f, hs:hs + f, :] = da\n"
                "        dA_prev[i] = dA_prev_pad[i, pad:pad + n_H_prev, pad:pad + n_W_prev, :]\n")]},
    {"cell": "conv_backward", "name": "assign_per_filter",
     "says": "= instead of += inside the loop over filters, so each filter overwrites the gradient that the filters before it sent to the window (wrong even when stride = f)",
     "hint": None,
     "patch": [("                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += \\\n",
                "                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] = \\\n")]},
    {"cell": "conv_backward", "name": "crop_with_negative_pad",
     "says": "cropped with pad:-pad, which selects nothing when pad = 0", "hint": None,
     "patch": [("        a_prev_pad = A_prev_pad[i]\n"
                "        da_prev_pad = dA_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                vs, hs = h * stride, w * stride\n"
                "                a_slice = A_prev_pad[i, vs:vs + f, hs:hs + f, :]\n"),
               ("                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += \\\n"
                "                        W[:, :, :, c] * dZ[i, h, w, c]\n",
                "                    dA_prev_pad[i, vs:vs + f, hs:hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]\n"),
               ("        dA_prev[i] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]\n",
                "        dA_prev[i, :, :, :] = dA_prev_pad[i, pad:-pad, pad:-pad, :]\n")]},
    {"cell": "conv_backward", "name": "dW_from_unpadded_input",
     "says": "dW uses windows of the unpadded A_prev (shifted by pad, cut at the border)",
     "hint": None,
     "patch": [("        a_prev_pad = A_prev_pad[i]\n"
                "        da_prev_pad = dA_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                vs, hs = h * stride, w * stride\n"
                "                a_slice = np.zeros((f, f, n_C_prev))\n"
                "                part = A_prev[i, vs:vs + f, hs:hs + f, :]\n"
                "                a_slice[:part.shape[0], :part.shape[1], :] = part\n"),
               ("                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += \\\n"
                "                        W[:, :, :, c] * dZ[i, h, w, c]\n",
                "                    dA_prev_pad[i, vs:vs + f, hs:hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]\n"),
               ("        dA_prev[i] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]\n",
                "        dA_prev[i] = dA_prev_pad[i, pad:pad + n_H_prev, pad:pad + n_W_prev, :]\n")]},
    {"cell": "conv_backward", "name": "slice_without_stride",
     "says": "the windows start at h and w instead of h * stride and w * stride", "hint": None,
     "patch": [("        a_prev_pad = A_prev_pad[i]\n"
                "        da_prev_pad = dA_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                a_slice = A_prev_pad[i, h:h + f, w:w + f, :]\n"),
               ("                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += \\\n"
                "                        W[:, :, :, c] * dZ[i, h, w, c]\n",
                "                    dA_prev_pad[i, h:h + f, w:w + f, :] += W[:, :, :, c] * dZ[i, h, w, c]\n"),
               ("        dA_prev[i] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]\n",
                "        dA_prev[i] = dA_prev_pad[i, pad:pad + n_H_prev, pad:pad + n_W_prev, :]\n")]},
    {"cell": "conv_forward", "name": "ceil_output_size",
     "says": "rounded the output size up (ceil) instead of down; the last windows stick out",
     "hint": None,
     "patch": [("    n_H = (n_H_prev + 2 * pad - f) // stride + 1\n"
                "    n_W = (n_W_prev + 2 * pad - f) // stride + 1\n",
                "    n_H = int(np.ceil((n_H_prev + 2 * pad - f) / stride)) + 1\n"
                "    n_W = int(np.ceil((n_W_prev + 2 * pad - f) / stride)) + 1\n"),
               ("        a_prev_pad = A_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                a_slice_prev = A_prev_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]\n")]},
    {"cell": "conv_forward", "name": "forgot_bias",
     "says": "wrote the window sum inline and forgot the bias", "hint": None,
     "patch": [("        a_prev_pad = A_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                a_slice_prev = A_prev_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]\n"),
               ("                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c],\n"
                "                                                     b[:, :, :, c])\n",
                "                    Z[i, h, w, c] = np.sum(a_slice_prev * W[:, :, :, c])\n")]},
    {"cell": "conv_forward", "name": "slice_without_stride",
     "says": "the window starts at row h and column w instead of h * stride and w * stride",
     "hint": None,
     "patch": [("        a_prev_pad = A_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                a_slice_prev = A_prev_pad[i, h:h + f, w:w + f, :]\n")]},
    {"cell": "conv_forward", "name": "stride_ignored_in_size",
     "says": "computes the output size without dividing by the stride", "hint": None,
     "patch": [("    n_H = (n_H_prev + 2 * pad - f) // stride + 1\n"
                "    n_W = (n_W_prev + 2 * pad - f) // stride + 1\n",
                "    n_H = n_H_prev + 2 * pad - f + 1\n"
                "    n_W = n_W_prev + 2 * pad - f + 1\n"),
               ("        a_prev_pad = A_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                a_slice_prev = A_prev_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]\n")]},
    {"cell": "conv_forward", "name": "windows_of_unpadded_input",
     "says": "computed the padded input but took the windows from A_prev itself", "hint": None,
     "patch": [("        a_prev_pad = A_prev_pad[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]\n",
                "                a_slice_prev = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, :]\n"),
               ("                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c],\n"
                "                                                     b[:, :, :, c])\n",
                "                    if a_slice_prev.shape[:2] == (f, f):\n"
                "                        Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])\n")]},
    {"cell": "conv_single_step", "name": "forgot_bias",
     "says": "forgot to add the bias", "hint": None,
     "patch": [("    s = a_slice_prev * W\n"
                "    Z = np.sum(s)\n"
                "    Z = Z + b.item()\n",
                "    Z = np.sum(a_slice_prev * W)\n")]},
    {"cell": "conv_single_step", "name": "returns_array",
     "says": "added b as it is, so Z is a (1, 1, 1) array instead of a number", "hint": None,
     "patch": [("    s = a_slice_prev * W\n"
                "    Z = np.sum(s)\n"
                "    Z = Z + b.item()\n",
                "    Z = np.sum(a_slice_prev * W) + b\n")]},
    {"cell": "conv_single_step", "name": "sums_last_axis_only",
     "says": "summed over the channels only, leaving an (f, f) array per window", "hint": None,
     "patch": [("    s = a_slice_prev * W\n"
                "    Z = np.sum(s)\n"
                "    Z = Z + b.item()\n",
                "    Z = np.sum(a_slice_prev * W, axis=-1) + b.item()\n")]},
    {"cell": "create_mask_from_window", "name": "first_maximum_only",
     "says": "a one-hot mask at np.argmax marks only the first of several tied maxima",
     "hint": None,
     "patch": [("    mask = (x == np.max(x))\n",
                "    mask = np.zeros(x.shape, dtype=bool)\n"
                "    mask[np.unravel_index(np.argmax(x), x.shape)] = True\n")]},
    {"cell": "create_mask_from_window", "name": "max_per_column",
     "says": "np.max(x, axis=0) marks the maximum of every column, not of the whole window",
     "hint": None,
     "patch": [("    mask = (x == np.max(x))\n",
                "    mask = x == np.max(x, axis=0)\n")]},
    {"cell": "create_mask_from_window", "name": "returns_values",
     "says": "returned the window's values at the maximum instead of a boolean mask", "hint": None,
     "patch": [("    mask = (x == np.max(x))\n",
                "    mask = x * (x == np.max(x))\n")]},
    {"cell": "distribute_value", "name": "divides_by_sum_of_sides",
     "says": "divided by n_H + n_W instead of n_H * n_W", "hint": None,
     "patch": [("    average = dz / (n_H * n_W)\n"
                "    a = np.ones(shape) * average\n",
                "    a = np.ones(shape) * dz / (n_H + n_W)\n")]},
    {"cell": "distribute_value", "name": "no_division",
     "says": "copied dz into every entry without dividing by the window size", "hint": None,
     "patch": [("    (n_H, n_W) = shape\n"
                "    average = dz / (n_H * n_W)\n"
                "    a = np.ones(shape) * average\n",
                "    a = np.ones(shape) * dz\n")]},
    {"cell": "distribute_value", "name": "square_window_assumed",
     "says": "divided by n_H * n_H, as if every window were square", "hint": None,
     "patch": [("    average = dz / (n_H * n_W)\n"
                "    a = np.ones(shape) * average\n",
                "    a = np.ones(shape) * dz / (n_H * n_H)\n")]},
    {"cell": "pool_backward", "name": "assign_instead_of_add",
     "says": "uses = instead of +=, so overlapping windows overwrite each other's gradient",
     "hint": None,
     "patch": [("        a_prev = A_prev[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n",
                "                vs, hs = h * stride, w * stride\n"),
               ("                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]\n"
                "                        mask = create_mask_from_window(a_prev_slice)\n"
                "                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += \\\n"
                "                            mask * dA[i, h, w, c]\n"
                '                    elif mode == "average":\n'
                "                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += \\\n"
                "                            distribute_value(dA[i, h, w, c], (f, f))\n",
                "                        mask = create_mask_from_window(A_prev[i, vs:vs + f, hs:hs + f, c])\n"
                "                        dA_prev[i, vs:vs + f, hs:hs + f, c] = mask * dA[i, h, w, c]\n"
                "                    else:\n"
                "                        dA_prev[i, vs:vs + f, hs:hs + f, c] = distribute_value(dA[i, h, w, c], (f, f))\n")]},
    {"cell": "pool_backward", "name": "average_not_divided",
     "says": "average pooling copies dA into the whole window without dividing by f * f",
     "hint": None,
     "patch": [("        a_prev = A_prev[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n",
                "                vs, hs = h * stride, w * stride\n"),
               ("                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]\n"
                "                        mask = create_mask_from_window(a_prev_slice)\n"
                "                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += \\\n"
                "                            mask * dA[i, h, w, c]\n"
                '                    elif mode == "average":\n'
                "                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += \\\n"
                "                            distribute_value(dA[i, h, w, c], (f, f))\n",
                "                        mask = create_mask_from_window(A_prev[i, vs:vs + f, hs:hs + f, c])\n"
                "                        dA_prev[i, vs:vs + f, hs:hs + f, c] += mask * dA[i, h, w, c]\n"
                "                    else:\n"
                "                        dA_prev[i, vs:vs + f, hs:hs + f, c] += dA[i, h, w, c] * np.ones((f, f))\n")]},
    {"cell": "pool_backward", "name": "slice_without_stride",
     "says": "the windows start at h and w instead of h * stride and w * stride", "hint": None,
     "patch": [("        a_prev = A_prev[i]\n",
                ""),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n",
                ""),
               ("                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]\n"
                "                        mask = create_mask_from_window(a_prev_slice)\n"
                "                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += \\\n"
                "                            mask * dA[i, h, w, c]\n"
                '                    elif mode == "average":\n'
                "                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += \\\n"
                "                            distribute_value(dA[i, h, w, c], (f, f))\n",
                "                        mask = create_mask_from_window(A_prev[i, h:h + f, w:w + f, c])\n"
                "                        dA_prev[i, h:h + f, w:w + f, c] += mask * dA[i, h, w, c]\n"
                "                    else:\n"
                "                        dA_prev[i, h:h + f, w:w + f, c] += distribute_value(dA[i, h, w, c], (f, f))\n")]},
    {"cell": "pool_forward", "name": "average_is_sum",
     "says": "average pooling sums the window instead of averaging it", "hint": None,
     "patch": [("    n_C = n_C_prev\n"
                "    A = np.zeros((m, n_H, n_W, n_C))\n",
                "    A = np.zeros((m, n_H, n_W, n_C_prev))\n"),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                for c in range(n_C):\n"
                "                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]\n"
                '                    if mode == "max":\n'
                "                        A[i, h, w, c] = np.max(a_prev_slice)\n"
                '                    elif mode == "average":\n'
                "                        A[i, h, w, c] = np.mean(a_prev_slice)\n"
                "    ### END SOLUTION\n"
                "    cache = (A_prev, hparameters)\n"
                "    return A, cache",
                "                for c in range(n_C_prev):\n"
                "                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]\n"
                '                    A[i, h, w, c] = np.max(window) if mode == "max" else np.sum(window)\n'
                "    return A, (A_prev, hparameters)")]},
    {"cell": "pool_forward", "name": "ignores_mode",
     "says": "always max pooling, whatever the mode", "hint": None,
     "patch": [("    n_C = n_C_prev\n"
                "    A = np.zeros((m, n_H, n_W, n_C))\n",
                "    A = np.zeros((m, n_H, n_W, n_C_prev))\n"),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                for c in range(n_C):\n"
                "                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]\n"
                '                    if mode == "max":\n'
                "                        A[i, h, w, c] = np.max(a_prev_slice)\n"
                '                    elif mode == "average":\n'
                "                        A[i, h, w, c] = np.mean(a_prev_slice)\n"
                "    ### END SOLUTION\n"
                "    cache = (A_prev, hparameters)\n"
                "    return A, cache",
                "                for c in range(n_C_prev):\n"
                "                    A[i, h, w, c] = np.max(A_prev[i, h * stride:h * stride + f,\n"
                "                                                  w * stride:w * stride + f, c])\n"
                "    return A, (A_prev, hparameters)")]},
    {"cell": "pool_forward", "name": "modes_swapped",
     "says": 'the two modes swapped: np.mean for "max" and np.max for "average"', "hint": None,
     "patch": [("                        A[i, h, w, c] = np.max(a_prev_slice)\n",
                "                        A[i, h, w, c] = np.mean(a_prev_slice)\n"
                '                    elif mode == "average":\n'
                "                        A[i, h, w, c] = np.max(a_prev_slice)\n"),
               ('                    elif mode == "average":\n'
                "                        A[i, h, w, c] = np.mean(a_prev_slice)\n",
                "")]},
    {"cell": "pool_forward", "name": "pools_across_channels",
     "says": "the window takes all channels, so every channel gets the max over all of them",
     "hint": None,
     "patch": [("    n_C = n_C_prev\n"
                "    A = np.zeros((m, n_H, n_W, n_C))\n",
                "    A = np.zeros((m, n_H, n_W, n_C_prev))\n"),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                for c in range(n_C):\n"
                "                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]\n"
                '                    if mode == "max":\n'
                "                        A[i, h, w, c] = np.max(a_prev_slice)\n"
                '                    elif mode == "average":\n'
                "                        A[i, h, w, c] = np.mean(a_prev_slice)\n"
                "    ### END SOLUTION\n"
                "    cache = (A_prev, hparameters)\n"
                "    return A, cache",
                "                for c in range(n_C_prev):\n"
                "                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, :]\n"
                '                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)\n'
                "    return A, (A_prev, hparameters)")]},
    {"cell": "pool_forward", "name": "slice_without_stride",
     "says": "the window starts at row h and column w instead of h * stride and w * stride",
     "hint": None,
     "patch": [("    n_C = n_C_prev\n"
                "    A = np.zeros((m, n_H, n_W, n_C))\n",
                "    A = np.zeros((m, n_H, n_W, n_C_prev))\n"),
               ("            vert_start = h * stride\n"
                "            vert_end = vert_start + f\n",
                ""),
               ("                horiz_start = w * stride\n"
                "                horiz_end = horiz_start + f\n"
                "                for c in range(n_C):\n"
                "                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]\n"
                '                    if mode == "max":\n'
                "                        A[i, h, w, c] = np.max(a_prev_slice)\n"
                '                    elif mode == "average":\n'
                "                        A[i, h, w, c] = np.mean(a_prev_slice)\n"
                "    ### END SOLUTION\n"
                "    cache = (A_prev, hparameters)\n"
                "    return A, cache",
                "                for c in range(n_C_prev):\n"
                "                    window = A_prev[i, h:h + f, w:w + f, c]\n"
                '                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)\n'
                "    return A, (A_prev, hparameters)")]},
    {"cell": "pool_forward", "name": "squeezed_output",
     "says": "np.squeeze(A) to tidy the output, which drops the example axis when m = 1 (and the channel axis when n_C = 1)",
     "hint": None,
     "patch": [("    cache = (A_prev, hparameters)\n",
                "    A = np.squeeze(A)\n"
                "    cache = (A_prev, hparameters)\n")]},
    {"cell": "zero_pad", "name": "one_side_only",
     "says": "pad_width (0, pad) adds zeros after the image only, not on both sides", "hint": None,
     "patch": [('    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant",\n'
                "                   constant_values=0)\n",
                '    X_pad = np.pad(X, ((0, 0), (0, pad), (0, pad), (0, 0)), mode="constant", constant_values=0)\n')]},
    {"cell": "zero_pad", "name": "pads_channels_too",
     "says": "a single pad_width for every axis pads the examples and channels as well",
     "hint": None,
     "patch": [('    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant",\n'
                "                   constant_values=0)\n",
                '    X_pad = np.pad(X, pad, mode="constant", constant_values=0)\n')]},
    {"cell": "zero_pad", "name": "pads_examples_and_height",
     "says": "padded the first two axes (examples and height) instead of height and width",
     "hint": None,
     "patch": [('    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant",\n'
                "                   constant_values=0)\n",
                '    X_pad = np.pad(X, ((pad, pad), (pad, pad), (0, 0), (0, 0)), mode="constant", constant_values=0)\n')]},
]
