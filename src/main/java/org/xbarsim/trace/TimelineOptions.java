package org.xbarsim.trace;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link ChromeTraceExporter} puts in a timeline. Immutable; the {@code with...} methods give
 * changed copies and check their argument.
 *
 * @param fromCycle    records ending at or before this cycle are left out
 * @param toCycle      records starting at or after this cycle are left out
 * @param firstImage   records of lower image indices (and of no image) are left out, unless both
 *                     image bounds are at their defaults
 * @param lastImage    records of higher image indices are left out
 * @param components   glob over component names ({@code tile3/**}, {@code tile*}{@code /xbar*}), or null for all
 * @param detail       how much to show
 * @param maxEvents    most slice and flow events written; the rest are counted and reported as dropped
 * @param powerWindows about this many counter samples over the exported cycles
 * @param energy       energy of one action, for the power counters
 * @param staticMw     the chip's static (leakage) power, drawn on the chip's power counter
 * @param otherData    extra facts for the file's {@code otherData}, sorted by key
 */
public record TimelineOptions(long fromCycle, long toCycle, int firstImage, int lastImage, String components,
                              TimelineDetail detail, long maxEvents, int powerWindows, ActionEnergy energy,
                              double staticMw, SortedMap<String, String> otherData) {
    public TimelineOptions {
        if (toCycle <= fromCycle) {
            throw new IllegalArgumentException("to-cycle " + toCycle + " must be above from-cycle " + fromCycle);
        }
        if (lastImage < firstImage) {
            throw new IllegalArgumentException("image range " + firstImage + "-" + lastImage + " is empty");
        }
        if (maxEvents < 0) {
            throw new IllegalArgumentException("max-events must be >= 0, got " + maxEvents);
        }
        if (powerWindows < 1) {
            throw new IllegalArgumentException("power windows must be >= 1, got " + powerWindows);
        }
        otherData = Collections.unmodifiableSortedMap(new TreeMap<>(otherData));
    }

    /** Everything at normal detail, 500 counter samples, no energy (power counters read 0). */
    public static TimelineOptions defaults() {
        return new TimelineOptions(Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, null,
                TimelineDetail.NORMAL, Long.MAX_VALUE, 500, (kind, action) -> 0, 0, new TreeMap<>());
    }

    public TimelineOptions withCycles(long from, long to) {
        return new TimelineOptions(from, to, firstImage, lastImage, components, detail, maxEvents, powerWindows, energy,
                staticMw, otherData);
    }

    public TimelineOptions withImages(int first, int last) {
        return new TimelineOptions(fromCycle, toCycle, first, last, components, detail, maxEvents, powerWindows, energy,
                staticMw, otherData);
    }

    public TimelineOptions withComponents(String glob) {
        return new TimelineOptions(fromCycle, toCycle, firstImage, lastImage, glob, detail, maxEvents, powerWindows, energy,
                staticMw, otherData);
    }

    public TimelineOptions withDetail(TimelineDetail d) {
        return new TimelineOptions(fromCycle, toCycle, firstImage, lastImage, components, d, maxEvents, powerWindows, energy,
                staticMw, otherData);
    }

    public TimelineOptions withMaxEvents(long n) {
        return new TimelineOptions(fromCycle, toCycle, firstImage, lastImage, components, detail, n, powerWindows, energy,
                staticMw, otherData);
    }

    public TimelineOptions withPower(ActionEnergy e, double staticPowerMw) {
        return new TimelineOptions(fromCycle, toCycle, firstImage, lastImage, components, detail, maxEvents, powerWindows, e,
                staticPowerMw, otherData);
    }

    public TimelineOptions withOtherData(SortedMap<String, String> facts) {
        return new TimelineOptions(fromCycle, toCycle, firstImage, lastImage, components, detail, maxEvents, powerWindows, energy,
                staticMw, facts);
    }

    /** True when an image range was asked for. */
    boolean filtersImages() {
        return firstImage != Integer.MIN_VALUE || lastImage != Integer.MAX_VALUE;
    }

    /** True when a record overlaps the cycle range (an instantaneous one: lies in it). */
    boolean inCycles(TraceRecord r) {
        return r.startCycle() < toCycle && (r.endCycle() > fromCycle || r.startCycle() >= fromCycle);
    }

    boolean inImages(TraceRecord r) {
        return !filtersImages() || r.image() >= firstImage && r.image() <= lastImage;
    }
}
