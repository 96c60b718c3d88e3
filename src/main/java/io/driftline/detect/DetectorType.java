package io.driftline.detect;

import java.util.Map;

/** The detector names of configs and the API; each owns the factory of its detector. */
public enum DetectorType {
    ADWIN, DDM, EDDM, HDDM_A, HDDM_W, PAGE_HINKLEY, CUSUM, KSWIN;

    /**
     * Builds a detector from user parameters (numbers, strings or booleans keyed by parameter name);
     * parameters left out take MOA's defaults.
     *
     * @throws InvalidParameterException naming the first unknown or out-of-range parameter
     */
    public DriftDetector create(Map<String, ?> params) {
        return switch (this) {
            case ADWIN -> Adwin.fromParams(params);
            case KSWIN -> Kswin.fromParams(params);
            case DDM -> Ddm.fromParams(params);
            case EDDM -> Eddm.fromParams(params);
            case HDDM_A -> HddmA.fromParams(params);
            case HDDM_W -> HddmW.fromParams(params);
            case PAGE_HINKLEY -> PageHinkley.fromParams(params);
            case CUSUM -> Cusum.fromParams(params);
        };
    }
}
