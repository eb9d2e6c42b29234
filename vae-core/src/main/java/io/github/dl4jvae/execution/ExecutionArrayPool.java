package io.github.dl4jvae.execution;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseNDArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a SameDiff session gets the arrays of one execution (forward, or forward and backward pass) and gets them
 * back: every array it lends during an execution is returned at the end of it, except those handed to the caller,
 * and serves the next execution of the same shapes.
 *
 * <p>It replaces ND4J's {@code ArrayCacheMemoryMgr} in an {@link ArrayReusingSession}. That cache takes back only the
 * arrays its session's dependency tracker releases; in ND4J 1.0.0-M2.1 several of a training step's intermediate
 * arrays are never released, so they were fresh off-heap buffers every step, freed only when the garbage collector
 * found them, and the process's resident memory followed the Java heap's growth (about 2 MB per batch-128 step of
 * the 784-400-20 MLP). Here nothing an execution borrowed outlives it unless it is an output.
 *
 * <p>Bounded: after each execution the pool keeps, per data type and shape, at most as many idle arrays as that
 * execution asked for and closes the rest, so it holds no more than one execution's arrays (a smaller last batch
 * of an epoch replaces the full batch's arrays until the next full batch).
 *
 * <p>Outputs: arrays allocated as detached (SameDiff's requested outputs) are the caller's and never tracked; any
 * lent array whose memory overlaps an output's is also left to the caller, so an output can never be lent again
 * while the caller holds it. One pool per session, so per thread; not thread-safe.
 */
final class ExecutionArrayPool extends AbstractMemoryMgr {
    private final Map<String, Deque<INDArray>> idle = new HashMap<>();
    private final Set<INDArray> lent = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Integer> demand = new HashMap<>();

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        if (detached) {
            return Nd4j.createUninitializedDetached(dataType, shape);
        }
        String key = key(dataType, shape);
        demand.merge(key, 1, Integer::sum);
        Deque<INDArray> free = idle.get(key);
        INDArray array;
        if (free == null || free.isEmpty()) {
            array = Nd4j.createUninitializedDetached(dataType, shape);
        } else {
            array = free.pop();
            // A new id, as ND4J's cache gives: the session tracks arrays by id within an execution.
            ((BaseNDArray) array).assignNewId();
        }
        lent.add(array);
        return array;
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) {
            return Nd4j.create(descriptor);
        }
        INDArray array = allocate(detached, descriptor.dataType(), descriptor.getShape());
        if (array.ordering() != descriptor.getOrder()) {
            array.setOrder(descriptor.getOrder());
        }
        return array;
    }

    /** The session is done with {@code array} before the end of the execution: it can serve the next request. */
    @Override
    public void release(INDArray array) {
        if (lent.remove(array) && reusable(array)) {
            makeIdle(array);
        }
    }

    /**
     * The execution is over: takes back every lent array whose memory does not overlap one of {@code outputs},
     * then closes idle arrays beyond what this execution asked for.
     */
    void endExecution(Collection<INDArray> outputs) {
        takeBack(outputs);
        for (Iterator<Map.Entry<String, Deque<INDArray>>> it = idle.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Deque<INDArray>> entry = it.next();
            int keep = demand.getOrDefault(entry.getKey(), 0);
            Deque<INDArray> free = entry.getValue();
            while (free.size() > keep) {
                close(free.pop());
            }
            if (free.isEmpty()) {
                it.remove();
            }
        }
        demand.clear();
    }

    /**
     * An execution starts: anything still lent belongs to one that failed before its end and handed nothing out,
     * so it is idle again.
     */
    void startExecution() {
        takeBack(List.of());
    }

    /** Arrays lent and not yet returned, and arrays idle in the pool: for tests. */
    int[] counts() {
        return new int[] {lent.size(), idle.values().stream().mapToInt(Deque::size).sum()};
    }

    @Override
    public void close() {
        lent.clear();
        idle.values().forEach(free -> free.forEach(ExecutionArrayPool::close));
        idle.clear();
    }

    private void takeBack(Collection<INDArray> outputs) {
        for (INDArray array : lent) {
            if (reusable(array) && !overlapsAny(array, outputs)) {
                makeIdle(array);
            }
        }
        lent.clear();
    }

    private void makeIdle(INDArray array) {
        idle.computeIfAbsent(key(array.dataType(), array.shape()), k -> new ArrayDeque<>()).push(array);
    }

    private static boolean reusable(INDArray array) {
        return !array.wasClosed() && !array.isView() && array.closeable()
                && Nd4j.getExecutioner().useCount(array.data()) <= 1;
    }

    private static boolean overlapsAny(INDArray array, Collection<INDArray> outputs) {
        long start = array.data().address();
        long end = start + array.data().length() * array.data().getElementSize();
        for (INDArray output : outputs) {
            if (output == null || output.wasClosed() || output.isEmpty()) {
                continue;
            }
            long outStart = output.data().address();
            long outEnd = outStart + output.data().length() * output.data().getElementSize();
            if (outStart < end && start < outEnd) {
                return true;
            }
        }
        return false;
    }

    /** Frees {@code array}'s off-heap memory now, unless it is null, already closed, or not closeable (a view). */
    static void close(INDArray array) {
        if (array != null && !array.wasClosed() && array.closeable()) {
            array.close();
        }
    }

    private static String key(DataType dataType, long[] shape) {
        return dataType + Arrays.toString(shape);
    }
}
