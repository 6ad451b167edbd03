package org.xbarsim.cost;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * Moves a cost table's digital parts from the technology node their figures were published at to
 * the chip's node, with the scaling equations of Stillmaker and Baas, "Scaling equations for the
 * accurate prediction of CMOS device performance from 180 nm to 7 nm", Integration 58 (2017)
 * 74-81: area by the paper's node-to-node area factors, energy (and leakage) by the ratio of its
 * fitted energy polynomials {@code a Vdd^2 + b Vdd + c}, both at {@value #VDD} V. Between two listed
 * nodes, factors are interpolated linearly in the node's position in the list. Analog parts
 * ({@link ComponentKind#digital()} false: crossbar, DAC, ADC, sample-and-hold, off-chip links) keep
 * their published figures: the paper fits digital CMOS, not converters or devices.
 */
public final class TechnologyScaling {
    /** Supply voltage the energy polynomials are evaluated at, for both nodes. */
    public static final double VDD = 0.8;
    private static final int[] NODES_NM = {130, 90, 65, 45, 32, 20, 16, 14, 10, 7};
    /** AREA[x][y]: area at node y / area at node x (Stillmaker and Baas 2017). */
    private static final double[][] AREA = {
        {1, 0.44, 0.23, 0.16, 0.072, 0.033, 0.03, 0.027, 0.016, 0.0092},
        {2.3, 1, 0.53, 0.35, 0.16, 0.075, 0.067, 0.061, 0.036, 0.021},
        {4.3, 1.9, 1, 0.66, 0.31, 0.14, 0.13, 0.12, 0.068, 0.039},
        {6.4, 2.8, 1.5, 1, 0.46, 0.21, 0.19, 0.17, 0.1, 0.059},
        {14, 6.1, 3.3, 2.2, 1, 0.46, 0.41, 0.38, 0.22, 0.13},
        {30, 13, 7.1, 4.7, 2.2, 1, 0.89, 0.82, 0.48, 0.28},
        {34, 15, 7.9, 5.3, 2.4, 1.1, 1, 0.91, 0.54, 0.31},
        {37, 16, 8.7, 5.8, 2.7, 1.2, 1.1, 1, 0.59, 0.34},
        {63, 28, 15, 9.8, 4.5, 2.1, 1.9, 1.7, 1, 0.58},
        {110, 48, 25, 17, 7.8, 3.6, 3.2, 2.9, 1.7, 1},
    };
    /** ENERGY[x] = {a, b, c}: relative energy a Vdd^2 + b Vdd + c at node x (Stillmaker and Baas 2017). */
    private static final double[][] ENERGY = {
        {7.171, -6.709, 2.904},
        {4.762, -4.781, 2.092},
        {3.755, -4.398, 1.975},
        {1.103, -0.362, 0.2767},
        {0.9559, -0.7823, 0.471},
        {0.373, -0.1582, 0.04104},
        {0.2958, -0.1241, 0.03024},
        {0.2363, -0.09675, 0.02239},
        {0.2068, -0.09311, 0.02375},
        {0.1776, -0.09097, 0.02447},
    };
    /** Smallest and largest node the equations cover. */
    public static final int MIN_NM = 7;
    public static final int MAX_NM = 130;

    private TechnologyScaling() {
    }

    /** Area at {@code toNm} / area at {@code fromNm}. */
    public static double areaFactor(double fromNm, double toNm) {
        double x = position(fromNm);
        double y = position(toNm);
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = (int) Math.ceil(x);
        int y1 = (int) Math.ceil(y);
        double fx = x - x0;
        double fy = y - y0;
        return AREA[x0][y0] * (1 - fx) * (1 - fy) + AREA[x0][y1] * (1 - fx) * fy
                + AREA[x1][y0] * fx * (1 - fy) + AREA[x1][y1] * fx * fy;
    }

    /** Energy per action (and leakage) at {@code toNm} / at {@code fromNm}. */
    public static double energyFactor(double fromNm, double toNm) {
        return relativeEnergy(position(toNm)) / relativeEnergy(position(fromNm));
    }

    /** The table with every digital kind's energies, leakage and area moved from {@code fromNm} to {@code toNm}. */
    public static CostTable scale(CostTable table, double fromNm, double toNm) {
        if (fromNm == toNm) {
            return table;
        }
        double area = areaFactor(fromNm, toNm);
        double energy = energyFactor(fromNm, toNm);
        List<ComponentCost> out = new ArrayList<>();
        for (ComponentCost c : table.entries()) {
            if (!c.kind().digital()) {
                out.add(c);
                continue;
            }
            Map<Action, Double> e = new EnumMap<>(Action.class);
            c.energyPj().forEach((a, pj) -> e.put(a, pj * energy));
            out.add(new ComponentCost(c.kind(), e, c.areaUm2() * area, c.leakageMw() * energy,
                    c.source() + String.format(Locale.ROOT, "; scaled from %s nm to %s nm (Stillmaker and Baas 2017:"
                            + " energy x%.4g, area x%.4g)", num(fromNm), num(toNm), energy, area)));
        }
        return new CostTable(out);
    }

    private static String num(double nm) {
        return nm == Math.rint(nm) ? Long.toString((long) nm) : Double.toString(nm);
    }

    private static double relativeEnergy(double position) {
        int p0 = (int) Math.floor(position);
        int p1 = (int) Math.ceil(position);
        double f = position - p0;
        return polynomial(ENERGY[p0]) * (1 - f) + polynomial(ENERGY[p1]) * f;
    }

    private static double polynomial(double[] abc) {
        return abc[0] * VDD * VDD + abc[1] * VDD + abc[2];
    }

    /** Fractional index of {@code nm} in the node list (130 nm = 0 ... 7 nm = 9). */
    private static double position(double nm) {
        if (!(nm >= MIN_NM && nm <= MAX_NM)) {
            throw new IllegalArgumentException("technology node " + nm + " nm is outside the scaling equations' range ["
                    + MIN_NM + ", " + MAX_NM + "] nm");
        }
        for (int i = 0; i < NODES_NM.length; i++) {
            if (nm == NODES_NM[i]) {
                return i;
            }
            if (nm > NODES_NM[i]) {
                return i - 1 + (NODES_NM[i - 1] - nm) / (NODES_NM[i - 1] - NODES_NM[i]);
            }
        }
        throw new AssertionError(nm);
    }
}
