package org.xbarsim;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to a helper thread, as if it had run on the caller's. */
public final class Futures {
    private Futures() {
    }

    /**
     * The result of {@code f}; what the work threw (an unchecked exception or an error) is thrown here
     * unchanged, so the caller sees the same failure as had it done the work itself.
     *
     * @param what what is being waited for, for the message when the wait is interrupted
     */
    public static <T> T await(Future<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
