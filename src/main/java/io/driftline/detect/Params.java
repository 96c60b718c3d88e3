package io.driftline.detect;

import java.util.Map;
import java.util.Set;

/**
 * User parameters of a detector or learner, read with a type and range check that names the parameter.
 * Values come from configs as numbers, strings or booleans; anything else is an error, never a guess.
 */
public final class Params {
    private final Map<String, ?> raw;

    private Params(Map<String, ?> raw) {
        this.raw = raw;
    }

    /** Rejects any parameter name outside {@code known} so that a typo is never silently ignored. */
    public static Params of(Map<String, ?> raw, Set<String> known) {
        Map<String, ?> values = raw == null ? Map.of() : raw;
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidParameterException(name,
                        "unknown parameter '" + name + "'; known parameters: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return new Params(values);
    }

    public double getDouble(String name, double defaultValue) {
        Object v = raw.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidParameterException(name, name + " must be a finite number, was " + v);
            }
            return d;
        }
        if (v instanceof String s) {
            double d;
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(name, name + " must be a number, was " + describe(v));
            }
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidParameterException(name, name + " must be a finite number, was " + v);
            }
            return d;
        }
        throw new InvalidParameterException(name, name + " must be a number, was " + describe(v));
    }

    public long getLong(String name, long defaultValue) {
        Object v = raw.get(name);
        if (v == null) {
            return defaultValue;
        }
        double d = getDouble(name, 0);
        if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
            throw new InvalidParameterException(name, name + " must be an integer, was " + v);
        }
        return (long) d;
    }

    public int getInt(String name, int defaultValue) {
        long l = getLong(name, defaultValue);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new InvalidParameterException(name, name + " is out of the integer range, was " + l);
        }
        return (int) l;
    }

    public boolean getBoolean(String name, boolean defaultValue) {
        Object v = raw.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new InvalidParameterException(name, name + " must be true or false, was " + describe(v));
    }

    /** A string parameter limited to {@code allowed} (compared case-insensitively, returned upper-case). */
    public String getChoice(String name, String defaultValue, Set<String> allowed) {
        Object v = raw.get(name);
        if (v == null) {
            return defaultValue;
        }
        String s = String.valueOf(v).trim().toUpperCase(java.util.Locale.ROOT);
        if (!(v instanceof String) || !allowed.contains(s)) {
            throw new InvalidParameterException(name,
                    name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", was " + describe(v));
        }
        return s;
    }

    /** Range checks with the message convention {@code "delta must be in (0,1), was 1.5"}. */
    public static double requireOpenUnit(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw new InvalidParameterException(name, name + " must be in (0,1), was " + v);
        }
        return v;
    }

    public static double requirePositive(String name, double v) {
        if (!(v > 0)) {
            throw new InvalidParameterException(name, name + " must be > 0, was " + v);
        }
        return v;
    }

    public static double requireNonNegative(String name, double v) {
        if (!(v >= 0)) {
            throw new InvalidParameterException(name, name + " must be >= 0, was " + v);
        }
        return v;
    }

    public static int requireAtLeast(String name, int v, int min) {
        if (v < min) {
            throw new InvalidParameterException(name, name + " must be >= " + min + ", was " + v);
        }
        return v;
    }

    private static String describe(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }
}
