package org.xbarsim.train;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseNDArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory of a SameDiff session that runs training steps: every array the step allocated comes
 * back at {@link #endStep()} and serves the next step's requests for the same type and shape.
 *
 * <p>SameDiff's own manager (ND4J 1.0.0-M2.1's {@code ArrayCacheMemoryMgr}) gets back only the few
 * arrays the session releases while computing gradients (8 of 163 in a vgg-small step); the rest
 * stays referenced by the session until the next call and is freed only by a garbage collection.
 * So every step asked the native allocator for its whole working set anew (460 MB for a fake-quantized
 * vgg-small step, batch 128), which zeroes each array and, whenever the freed memory had gone back to
 * the system, faults every page in again: docs/speed.md, "A step's arrays serve the next step".
 *
 * <p>Arrays come out as SameDiff's manager makes them on a miss (c order, contents unspecified: every
 * op writes all of its output), and an array is handed out again only after {@link #endStep()} or
 * after the session released it, so the results are the same bits. Arrays that a whole step did not
 * ask for (a smaller last batch, say) are freed at its end, so the pool holds about one step's
 * arrays. One thread, the session's, uses an instance.
 */
final class StepArrayPool extends AbstractMemoryMgr {
    /** Free arrays by type, shape and order; each with the step it came back in. */
    private final Map<String, ArrayDeque<Pooled>> free = new HashMap<>();
    /** Arrays handed out since the last {@link #endStep()}, with their keys. */
    private final Map<INDArray, String> lent = new IdentityHashMap<>();
    private final Set<INDArray> pooled = Collections.newSetFromMap(new IdentityHashMap<>());
    private long step;

    private record Pooled(INDArray array, long step) {
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return allocate(dataType, shape, 'c');
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) {
            // as SameDiff's own manager does: empty arrays are never reused
            INDArray a = Nd4j.create(descriptor);
            return detached ? a.detach() : a;
        }
        return allocate(descriptor.dataType(), descriptor.getShape(), descriptor.getOrder());
    }

    private INDArray allocate(DataType dataType, long[] shape, char order) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d == 0)) {
            return Nd4j.createUninitializedDetached(dataType, shape);   // scalars: not worth pooling
        }
        String key = dataType + Arrays.toString(shape) + order;
        ArrayDeque<Pooled> q = free.get(key);
        INDArray a = null;
        while (a == null && q != null && !q.isEmpty()) {
            INDArray p = q.poll().array();
            pooled.remove(p);
            if (!p.wasClosed()) {
                a = p;
            }
        }
        if (a == null) {
            a = Nd4j.createUninitializedDetached(dataType, shape);
        } else if (a instanceof BaseNDArray b) {
            // the session tracks arrays by id: a reused one must look new
            b.assignNewId();
        }
        lent.put(a, key);
        return a;
    }

    /** The session is done with {@code array} within the step: it may serve a later request of this step. */
    @Override
    public void release(INDArray array) {
        String key = lent.remove(array);
        if (key != null) {
            giveBack(array, key);
        }
        // not handed out by this pool in this step: left to its owner and the garbage collector
    }

    /** Starts a step: arrays of an earlier step that nobody ended are forgotten, left to the garbage collector. */
    void beginStep() {
        lent.clear();
    }

    /**
     * Takes back every array handed out since the last call, so the step's outputs and gradients must
     * not be used after it; frees the pooled arrays that this step did not use.
     */
    void endStep() {
        for (var it = free.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Pooled> q = it.next();
            q.removeIf(p -> {
                if (p.step() < step) {
                    pooled.remove(p.array());
                    close(p.array());
                    return true;
                }
                return false;
            });
            if (q.isEmpty()) {
                it.remove();
            }
        }
        for (var e : lent.entrySet()) {
            giveBack(e.getKey(), e.getValue());
        }
        lent.clear();
        step++;
    }

    private void giveBack(INDArray array, String key) {
        if (array.wasClosed() || !pooled.add(array)) {
            return;
        }
        free.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Pooled(array, step));
    }

    /** Frees every pooled array (those handed out and not given back are left to their users). */
    @Override
    public void close() {
        free.values().forEach(q -> q.forEach(p -> close(p.array())));
        free.clear();
        pooled.clear();
        lent.clear();
    }

    private static void close(INDArray a) {
        if (!a.wasClosed() && a.closeable()) {
            a.close();
        }
    }
}
