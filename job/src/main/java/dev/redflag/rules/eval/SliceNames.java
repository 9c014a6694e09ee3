package dev.redflag.rules.eval;

import dev.redflag.kpi.Slice;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What a slice's name says: {@code channel=paid,device=mobile} is a slice of the pair of dimensions
 * {@code channel,device}. Slices of the same dimensions (the same <em>group</em>) partition a
 * window, so their sums add up to the series'. A group is named by its dimensions sorted, so that a
 * rule's {@code [device, channel]} finds the slices the KPI names {@code channel=…,device=…}.
 */
final class SliceNames {

    private SliceNames() {
    }

    /** The dimensions of a slice, sorted and joined by commas: {@code channel,device}. */
    static String group(String slice) {
        String[] parts = slice.split(",");
        String[] dims = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            dims[i] = eq < 0 ? parts[i] : parts[i].substring(0, eq);
        }
        Arrays.sort(dims);
        return String.join(",", dims);
    }

    /** The group a rule's entry names: {@code [device, channel]} is {@code channel,device}. */
    static String group(Collection<String> dimensions) {
        return String.join(",", dimensions.stream().sorted().toList());
    }

    /** The groups a rule asks for. */
    static List<String> groups(List<List<String>> dimensions) {
        return dimensions.stream().map(SliceNames::group).toList();
    }

    /** Whether the slice holds what was not kept one by one ({@code channel=other}). */
    static boolean isOther(String slice) {
        for (String part : slice.split(",")) {
            if (part.endsWith("=" + Slice.OTHER)) {
                return true;
            }
        }
        return false;
    }

    /** For people: {@code channel=paid, device=mobile}. */
    static String label(String slice) {
        return slice.replace(",", ", ");
    }
}
