package org.xbarsim.model;

/** A feature-map shape in channel-major (CHW) order. A flat vector of n values is {@code (n, 1, 1)}. */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("shape " + channels + "x" + height + "x" + width + ": every dimension must be >= 1");
        }
    }

    public static Shape flat(int n) {
        return new Shape(n, 1, 1);
    }

    public int size() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    /** Index of element (c, y, x) in CHW order. */
    public int index(int c, int y, int x) {
        return (c * height + y) * width + x;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
