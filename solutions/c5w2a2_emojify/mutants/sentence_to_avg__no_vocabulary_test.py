# Mistake: looks every word up without testing that it has a vector (KeyError on an unknown word).
import numpy as np

def sentence_to_avg(sentence, word_to_vec_map):
    """Average of the word vectors of a sentence.

    Arguments:
    sentence -- str, one sentence (any case, words separated by white space)
    word_to_vec_map -- dict word (lower case) -> np.ndarray of shape (n_h,)

    Returns:
    avg -- np.ndarray of shape (n_h,): the mean of the vectors of the sentence's words that are
           in word_to_vec_map (unknown words are skipped); zeros if there is none
    """
    any_word = next(iter(word_to_vec_map))
    words = sentence.lower().split()
    avg = np.zeros(word_to_vec_map[any_word].shape)
    count = 0
    for w in words:
        avg += word_to_vec_map[w]
        count += 1
    if count > 0:
        avg = avg / count
    return avg