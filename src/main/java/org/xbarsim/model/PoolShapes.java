package org.xbarsim.model;

final class PoolShapes {
    private PoolShapes() {
    }

    static Shape output(String name, Shape in, int kernel, int stride) {
        if (in.height() < kernel || in.width() < kernel) {
            throw new IllegalArgumentException("layer '" + name + "': pooling window " + kernel + "x" + kernel
                    + " is larger than its input " + in);
        }
        return new Shape(in.channels(), (in.height() - kernel) / stride + 1, (in.width() - kernel) / stride + 1);
    }
}
