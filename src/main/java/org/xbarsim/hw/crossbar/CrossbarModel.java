package org.xbarsim.hw.crossbar;

import org.xbarsim.hw.common.ColumnSums;
import org.xbarsim.hw.common.Port;

import org.xbarsim.mapping.CellLevels;
import org.xbarsim.mapping.CrossbarPlacement;
import org.xbarsim.model.IntVector;

/**
 * One crossbar array's arithmetic and timing. The stored cell levels are kept as bit-planes over
 * rows ({@code long} masks), so the analog column sum of one input bit-plane is
 * {@code sum over cell bits q of popcount(inputPlane & cellPlane[j][q]) << q}, exactly what
 * {@code sum over rows of level * bit} is. With {@code dacBits}-bit DACs one read applies
 * {@code dacBits} input bits at once; reads are sequential on the array. Not thread-safe: one
 * {@link Crossbar} component owns it.
 */
public final class CrossbarModel {
    private final int rows;
    private final int columns;
    private final int cellBits;
    private final int words;
    private CellLevels cells; // the mapping's levels, until their planes are taken
    private long[] cellMasks; // [(q * words + w) * columns + j], taken from the levels on first use
    private final long readLatencyCycles;
    private final int dacBits;
    private final Port array = new Port();

    /**
     * @param levels            row-major used rows x used columns, each in [0, 2^cellBits)
     * @param readLatencyCycles cycles of one array read (one DAC slice on all rows, all columns sensed)
     */
    public CrossbarModel(int rows, int columns, int cellBits, int[] levels, long readLatencyCycles, int dacBits) {
        this(CellLevels.of(rows, columns, checked(levels, cellBits)), cellBits, readLatencyCycles, dacBits);
    }

    private static int[] checked(int[] levels, int cellBits) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] < 0 || levels[i] >= (1 << cellBits)) {
                throw new IllegalArgumentException("cell " + i + " level " + levels[i] + " does not fit " + cellBits + " bits");
            }
        }
        return levels;
    }

    private CrossbarModel(CellLevels cells, int cellBits, long readLatencyCycles, int dacBits) {
        this.rows = cells.rows();
        this.columns = cells.columns();
        this.cellBits = cellBits;
        this.words = CellLevels.wordsFor(rows);
        this.readLatencyCycles = readLatencyCycles;
        this.dacBits = dacBits;
        this.cells = cells;
    }

    /**
     * The cell levels as bit-planes, {@code [(q * words + w) * columns + j]} for cell bit {@code q}:
     * the mapping's own planes ({@link CellLevels#planes}), taken on the first read (on the component's
     * own thread). Levels held in fewer planes than the crossbar's cells have are padded with zero
     * planes; a level too high for its cells is refused then, as when the planes were built here.
     */
    private long[] cellMasks() {
        if (cellMasks == null) {
            long[] held = cells.planes();
            int perPlane = words * columns;
            if (cells.bits() < cellBits) {
                cellMasks = java.util.Arrays.copyOf(held, cellBits * perPlane);
            } else {
                for (int i = cellBits * perPlane; i < held.length; i++) {
                    if (held[i] != 0) {
                        throw tooHigh();
                    }
                }
                cellMasks = held; // the planes past cellBits are all zero: the reads use the first cellBits only
            }
            cells = null; // no longer needed
        }
        return cellMasks;
    }

    /** The first cell (row by row) whose level does not fit the cells' bits. */
    private IllegalArgumentException tooHigh() {
        for (int a = 0; a < rows; a++) {
            for (int j = 0; j < columns; j++) {
                int level = cells.get(a, j);
                if (level >= 1 << cellBits) {
                    return new IllegalArgumentException("cell (" + a + ", " + j + ") level " + level + " does not fit " + cellBits
                            + " bits");
                }
            }
        }
        throw new IllegalStateException("a non-zero plane past " + cellBits + " bits with every level below 2^" + cellBits);
    }

    /** The model of a mapped crossbar. */
    public static CrossbarModel of(CrossbarPlacement p, int cellBits, long readLatencyCycles, int dacBits) {
        return new CrossbarModel(p.cells(), cellBits, readLatencyCycles, dacBits);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Cycles of one array read: nothing is sampled sooner after an MVM starts. */
    public long readLatencyCycles() {
        return readLatencyCycles;
    }

    /** Array reads for {@code inputBits}-bit inputs: {@code ceil(inputBits / dacBits)}. */
    public int readsFor(int inputBits) {
        return (inputBits + dacBits - 1) / dacBits;
    }

    /**
     * Column sums for every read: {@code result[r * columns + j]} is the analog sum of column
     * {@code j} when read {@code r} drives input bits {@code [r*dacBits, (r+1)*dacBits)}.
     */
    public int[] columnSums(BitPlanes in) {
        checkRows(in);
        return sums(cellMasks(), in);
    }

    /**
     * {@link #columnSums} of {@code in}, made when asked, on any thread: the cell bit-planes are taken
     * now (checked, or padded), on this component's thread, and the sums read only them and {@code in}, neither of which
     * changes afterwards (nor do the dimensions, which are final).
     */
    public ColumnSums lazySums(BitPlanes in) {
        checkRows(in);
        long[] masks = cellMasks();
        return new ColumnSums() {
            @Override
            public IntVector values() {
                return IntVector.wrap(newArray());
            }

            @Override
            public int[] newArray() {
                return sums(masks, in);
            }

            @Override
            public void addReads(long[] into, int reads, int shiftAddDacBits) {
                if (into.length != columns || reads != readsFor(in.bits()) || shiftAddDacBits != dacBits) {
                    ColumnSums.addReads(values(), into, reads, shiftAddDacBits); // not this crossbar's reads
                } else {
                    recombined(masks, in, into);
                }
            }
        };
    }

    /**
     * What {@link #sums} makes, recombined across the reads: read {@code r} counts {@code << r * dacBits}
     * and drives input bits {@code r * dacBits + k}, whose popcounts {@link #sums} shifts by {@code k},
     * so input bit {@code b}'s count goes in at {@code << b} (exact: the same sum of the same terms).
     */
    private void recombined(long[] cellMasks, BitPlanes in, long[] into) {
        // in int lanes the JIT vectorizes the popcounts and adds, which it does not in long lanes
        // (CrossbarReadBenchmark.recombinedSums, docs/simulation.md "Thirteenth pass"); the same sums
        // while they fit
        boolean ints = sumsFitInt(in.bits());
        int[] sums = ints ? intSums() : null;
        if (!ints) {
            java.util.Arrays.fill(into, 0);
        }
        for (int b = 0; b < in.bits(); b++) {
            for (int w = 0; w < words; w++) {
                long plane = in.word(b, w);
                if (plane == 0) {
                    continue;
                }
                for (int q = 0; q < cellBits; q++) {
                    int base = (q * words + w) * columns;
                    if (ints) {
                        addPopcounts(sums, plane, cellMasks, base, q + b);
                    } else {
                        addPopcounts(into, plane, cellMasks, base, q + b);
                    }
                }
            }
        }
        if (ints) {
            for (int j = 0; j < columns; j++) {
                into[j] = sums[j];
            }
        }
    }

    private void addPopcounts(int[] sums, long plane, long[] cellMasks, int base, int shift) {
        for (int j = 0; j < columns; j++) {
            sums[j] += Long.bitCount(plane & cellMasks[base + j]) << shift;
        }
    }

    private void addPopcounts(long[] sums, long plane, long[] cellMasks, int base, int shift) {
        for (int j = 0; j < columns; j++) {
            sums[j] += (long) Long.bitCount(plane & cellMasks[base + j]) << shift;
        }
    }

    /**
     * Whether a column's recombined sum fits an {@code int} for {@code bits}-bit inputs: it is at most
     * {@code rows x (2^bits - 1) x (2^cellBits - 1)}, and every partial sum is smaller (no term is negative).
     */
    boolean sumsFitInt(int bits) {
        return bits < 32 && (long) rows * ((1L << bits) - 1) * ((1L << cellBits) - 1) <= Integer.MAX_VALUE;
    }

    /** This thread's {@link #INT_SUMS}, zeroed over {@code columns}. */
    private int[] intSums() {
        int[] sums = INT_SUMS.get();
        if (sums.length < columns) {
            sums = new int[columns];
            INT_SUMS.set(sums);
        }
        java.util.Arrays.fill(sums, 0, columns, 0);
        return sums;
    }

    /**
     * {@link #recombined}'s int sums: one array per thread, since the sums are made on whichever
     * thread asks for them (the shift-add unit's), and one MVM's sums are made and copied out at once.
     */
    private static final ThreadLocal<int[]> INT_SUMS = ThreadLocal.withInitial(() -> new int[0]);

    private void checkRows(BitPlanes in) {
        if (in.rows() != rows) {
            throw new IllegalArgumentException(in.rows() + " row inputs for a crossbar with " + rows + " used rows");
        }
    }

    private int[] sums(long[] cellMasks, BitPlanes in) {
        int reads = readsFor(in.bits());
        int[] sums = new int[reads * columns];
        for (int b = 0; b < in.bits(); b++) {
            int out = (b / dacBits) * columns;
            int k = b % dacBits;
            for (int w = 0; w < words; w++) {
                long plane = in.word(b, w);
                if (plane == 0) {
                    continue; // no row of these 64 is driven: nothing to add
                }
                for (int q = 0; q < cellBits; q++) {
                    int base = (q * words + w) * columns;
                    int shift = q + k;
                    for (int j = 0; j < columns; j++) {
                        sums[out + j] += Long.bitCount(plane & cellMasks[base + j]) << shift;
                    }
                }
            }
        }
        return sums;
    }

    /** The timing of one MVM: reads run back to back once the array is free. */
    public record ReadTiming(long startCycle, int reads, long intervalCycles) {
        /** When read {@code r}'s column values are sampled (held for the ADCs). */
        public long sampleCycle(int r) {
            return startCycle + (r + 1) * intervalCycles;
        }

        public long busyCycles() {
            return reads * intervalCycles;
        }
    }

    /** Reserves the array for an MVM of {@code inputBits}-bit inputs that is ready at {@code readyCycle}. */
    public ReadTiming schedule(long readyCycle, int inputBits) {
        int reads = readsFor(inputBits);
        long start = array.reserve(readyCycle, reads * readLatencyCycles);
        return new ReadTiming(start, reads, readLatencyCycles);
    }
}
