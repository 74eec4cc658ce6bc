package io.jenkins.plugins.remotejobs.steps;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders what a user passed for an error message. Every rendering is bounded and printable, and
 * only plain JDK values are printed: any other object is named by its type, so that a message never
 * runs a foreign {@code toString()} nor shows more than the user needs to find the mistake.
 */
final class Values {

    /** How many chars of a given text a message shows. */
    static final int SHOWN_CHARS = 60;

    private Values() {}

    /**
     * {@code 'text'}, cut after {@link #SHOWN_CHARS} chars (never inside a surrogate pair) with the
     * full length appended, and control characters, unpaired surrogates and bidirectional overrides
     * escaped as {@code \\uXXXX}, so a message can neither break a log line nor reorder it visually.
     */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("'");
        int n = text.length();
        int i = 0;
        while (i < n && i < SHOWN_CHARS) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (Character.isISOControl(c) || Character.isSurrogate(c) || isBidiControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
            i++;
        }
        if (i < n) {
            b.append("...(").append(n).append(" chars)");
        }
        return b.append('\'').toString();
    }

    /** The value as the user wrote it: {@code 'yes'}, {@code -5}, {@code true}, {@code a List of 2 items}. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return quote(value.toString());
        }
        if (isPlainScalar(value)) {
            return value.toString();
        }
        if (value instanceof BigInteger big) {
            // toString() of a number with millions of digits is itself a denial of service.
            return big.bitLength() <= 4096 ? cut(big.toString()) : "a number of " + big.bitLength() + " bits";
        }
        if (value instanceof BigDecimal big) {
            return big.precision() <= 1000 ? cut(big.toString()) : "a number of " + big.precision() + " digits";
        }
        if (value instanceof Collection<?> collection) {
            return count(typeOf(value), collection.size(), "item", "items");
        }
        if (value instanceof Map<?, ?> map) {
            return count(typeOf(value), map.size(), "entry", "entries");
        }
        return typeOf(value);
    }

    /** {@link #show} plus, for scalars, the type: {@code 'yes' (a String)}, for wrong-type messages. */
    static String showWithType(Object value) {
        String shown = show(value);
        boolean scalar = value instanceof CharSequence
                || value instanceof Character
                || value instanceof BigInteger
                || value instanceof BigDecimal
                || isPlainScalar(value);
        // Anything else is already shown by its type.
        return scalar ? shown + " (" + typeOf(value) + ")" : shown;
    }

    /**
     * The value's type as a Groovy user thinks of it, with its article: {@code a String} for any
     * text (Groovy's GString included), {@code a List}, {@code a job handle}, else the class name.
     */
    static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "a String";
        }
        if (value instanceof JobReference) {
            return "a job handle";
        }
        if (value instanceof List) {
            return "a List";
        }
        if (value instanceof Set) {
            return "a Set";
        }
        if (value instanceof Map) {
            return "a Map";
        }
        String name = value.getClass().getSimpleName();
        if (name.isEmpty()) {
            name = value.getClass().getName();
        }
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    private static boolean isPlainScalar(Object value) {
        return value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Double
                || value instanceof Float;
    }

    private static String count(String type, int size, String one, String many) {
        if (size == 0) {
            return "an empty " + type.substring(type.indexOf(' ') + 1);
        }
        return type + " of " + size + " " + (size == 1 ? one : many);
    }

    private static String cut(String text) {
        return text.length() <= SHOWN_CHARS
                ? text
                : text.substring(0, SHOWN_CHARS) + "...(" + text.length() + " chars)";
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
