"""Shared helpers of the course.

* ``utils.testing``: the checks that notebook test cells call.
* ``utils.data``: offline datasets with checksums.
* ``utils.plot``: figures several notebooks share.

Reference implementations of what a notebook taught live in modules named after the concept
(for example ``utils.dnn`` after c1w4a1); later notebooks import them.
"""
