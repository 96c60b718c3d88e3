package io.driftline.detect;


/**
 * What the Hoeffding adaptive tree needs from the change detector it keeps on each node's 0/1 error
 * stream: MOA's {@code ADWIN} as {@code HoeffdingAdaptiveTree} drives it, which is more than
 * {@link DriftDetector} exposes. {@link Adwin} implements it.
 *
 * <ul>
 *   <li>{@link #setInput(double)}: adds one value and returns true when the window was cut, whichever way
 *   the mean moved (two-sided, MOA's {@code ADWIN.setInput}); the shrunk window is kept, with no reset
 *   before the next value (unlike {@link DriftDetector#update}'s DRIFT, which resets).</li>
 *   <li>{@link DriftDetector#estimate()}: the mean of the current window ({@code ADWIN.getEstimation()}).</li>
 *   <li>{@link #width()}: the number of values in the current window ({@code ADWIN.getWidth()}).</li>
 *   <li>{@link DriftDetector#snapshot()} / {@link DriftDetector#restore(byte[])}: for the tree's snapshot.</li>
 * </ul>
 */
public interface AdaptiveWindowDetector extends DriftDetector {

    /** Adds x; true when the window was cut (either direction). The shrunk window is kept. */
    boolean setInput(double x);

    /** The current window length. */
    int width();
}
