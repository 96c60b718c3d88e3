package io.driftline.stream;

import jakarta.inject.Singleton;

/**
 * How much of each poll's records the poll thread parses itself, so that it and the event loop share the parse when
 * the event loop is the slower of the two. Records are otherwise parsed on the event loop ({@link ParsedInput}), which
 * then also runs every detector, learner and join; under a backlog it bounds the rate while the poll thread waits for
 * its queue to drain. The poll thread parses the last records of each partition's poll
 * ({@link PolledPartitionInterceptor}), after it has sent the next fetch and while their bytes, which it has just
 * copied, are still in its core's caches.
 *
 * <p>The share follows the two threads' balance, in sixteenths: a poll that finds the event loop still busy with an
 * earlier batch takes one more for its records; one that finds it idle, waiting for the poll thread, gives back three,
 * so that the poll thread's own share never starves the event loop for long. At low rates the event loop is idle at
 * every poll and parses everything; under a backlog the share settles where the event loop is busy at about three
 * polls in four (one step up or down one step against three: measured at N = 12,000,000, the pipeline read
 * 1,554,196 and 1,435,087 records/s with it, 1,449,846 and 1,396,791 without a share, 1,546,992 and 1,438,641 with a
 * fixed 5/16; with one step against one the share grew until the poll thread was the slower thread).
 */
@Singleton
public class PollThreadParseShare {
    static final int WHOLE = 16;
    private static final int UP = 1;
    private static final int DOWN = 3;

    /** Written by the event loop around each batch, read by the poll thread. */
    private volatile boolean eventLoopBusy;
    /** Poll thread only. */
    private int sixteenths;

    /** On the event loop: a batch is being processed, or is done. */
    void eventLoopBusy(boolean busy) {
        eventLoopBusy = busy;
    }

    /** On the poll thread, once per poll that returned records: the share, in sixteenths, to parse of this poll. */
    int nextPoll() {
        if (eventLoopBusy) {
            sixteenths = Math.min(WHOLE, sixteenths + UP);
        } else {
            sixteenths = Math.max(0, sixteenths - DOWN);
        }
        return sixteenths;
    }

    /** The index from which the poll thread parses a partition's {@code count} polled records at this share. */
    static int firstToParse(int count, int sixteenths) {
        return count - count * sixteenths / WHOLE;
    }
}
