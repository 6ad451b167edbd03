package org.xbarsim.data;

/** Which part of a data set: the training images or the held-out test images. */
public enum Split {
    TRAIN,
    TEST
}
