package io.driftline.learn;

import io.driftline.detect.AdaptiveWindowDetector;
import io.driftline.detect.DetectorState;
import io.driftline.detect.DetectorType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import moa.classifiers.core.driftdetection.ADWIN;

/** Test-only: MOA's ADWIN behind {@link AdaptiveWindowDetector}, for differential tests of the tree. */
final class MoaAdwinDetector implements AdaptiveWindowDetector {
    private final double delta;
    private ADWIN adwin;
    private long observations;

    MoaAdwinDetector(double delta) {
        this.delta = delta;
        this.adwin = new ADWIN(delta);
    }

    @Override
    public boolean setInput(double x) {
        observations++;
        return adwin.setInput(x);
    }

    @Override
    public int width() {
        return adwin.getWidth();
    }

    @Override
    public DetectorState update(double x) {
        return setInput(x) ? DetectorState.DRIFT : DetectorState.STABLE;
    }

    @Override
    public double estimate() {
        return adwin.getEstimation();
    }

    @Override
    public long observations() {
        return observations;
    }

    @Override
    public void reset() {
        adwin = new ADWIN(delta);
    }

    @Override
    public byte[] snapshot() {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(b)) {
                o.writeObject(adwin);
                o.writeLong(observations);
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] snapshot) {
        try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(snapshot))) {
            adwin = (ADWIN) o.readObject();
            observations = o.readLong();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public DetectorType type() {
        return DetectorType.ADWIN;
    }
}
