package org.xbarsim.hw.adc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdcModelTest {
    @Test
    void anAdcWithEnoughBitsIsExact() {
        AdcModel adc = new AdcModel(9, 9, false, 8, 1);
        assertTrue(adc.isExact());
        assertEquals(384, adc.convert(384));
        assertEquals(0, adc.convert(0));
        assertEquals(257, adc.convert(257));
    }

    @Test
    void aFourBitAdcOn128RowsRoundsToItsStepAndClipsAtItsLargestCode() {
        // 128 rows x 3 (2-bit cells) = 384 needs 9 bits; 4 bits leave a step of 2^5 = 32 and codes 0..15
        AdcModel adc = new AdcModel(4, 9, false, 8, 1);
        assertFalse(adc.isExact());
        assertEquals(0, adc.convert(15)); // 15/32 rounds down
        assertEquals(32, adc.convert(16)); // half rounds up
        assertEquals(64, adc.convert(70));
        assertEquals(15 * 32, adc.convert(480));
        assertEquals(15 * 32, adc.convert(384 + 200)); // clipped
        assertEquals(15 * 32, adc.convert(470));
    }

    @Test
    void aCopyConvertsTheSameWithIdleConverters() {
        AdcModel real = new AdcModel(4, 9, false, 8, 1);
        real.schedule(0, 10, 8, 8);
        AdcModel copy = real.copy();
        for (int s : new int[] {0, 15, 16, 70, 470, 900}) {
            assertEquals(real.convert(s), copy.convert(s));
        }
        assertEquals(5 + 8, copy.schedule(5, 10, 1, 8), "a copy starts idle");
        assertTrue(new AdcModel(4, 9, true, 8, 1).copy().isExact());
    }

    @Test
    void forcingAnIdealAdcIgnoresTheBits() {
        assertEquals(383, new AdcModel(4, 9, true, 8, 1).convert(383));
    }

    @Test
    void conversionTimeIsTheBusiestAdcsShareAndReadsQueue() {
        // 8 columns share an ADC, 3 cycles per conversion: 24 cycles per read
        AdcModel adc = new AdcModel(8, 8, false, 8, 3);
        assertEquals(24, adc.cyclesPerRead(32));
        assertEquals(15, adc.cyclesPerRead(5)); // only 5 columns used
        // reads sampled every 10 cycles cannot keep up with 24-cycle conversions: they queue
        assertEquals(100 + 24 * 3, adc.schedule(100, 10, 3, 32));
        // reads sampled every 100 cycles: the last ends 24 cycles after its sample
        assertEquals(1000 + 200 + 24, adc.schedule(1000, 100, 3, 32));
    }

    @Test
    void anExactAdcStillSaturatesAtItsLargestCodeUnlessForced() {
        AdcModel flipped = new AdcModel(8, 8, false, 128, 1); // 128 rows of 2-bit cells, flipped columns: max 192
        assertTrue(flipped.isExact());
        assertEquals(192, flipped.convert(192));
        assertEquals(255, flipped.convert(255));
        assertEquals(255, flipped.convert(256)); // a sum the flip bound forbids would clip, not pass silently
        assertEquals(255, flipped.copy().convert(384));
        assertEquals(384, new AdcModel(8, 9, true, 128, 1).convert(384));
    }

    @Test
    void convertingAllReadsAppliesTheSameRuleToEachSumAndAForcedIdealBankPassesThemThrough() {
        org.xbarsim.model.IntVector sums = org.xbarsim.model.IntVector.of(0, 31, 32, 47, 48, 383, 511);
        AdcModel four = new AdcModel(4, 9, false, 8, 1);
        org.xbarsim.model.IntVector converted = four.convertAll(org.xbarsim.hw.common.ColumnSums.of(sums));
        assertEquals(sums.size(), converted.size());
        for (int i = 0; i < sums.size(); i++) {
            assertEquals(four.convert(sums.get(i)), converted.get(i), "sum " + sums.get(i));
        }
        assertEquals(org.xbarsim.model.IntVector.of(0, 32, 32, 32, 64, 384, 480), converted);
        assertEquals(sums, new AdcModel(4, 9, true, 8, 1).convertAll(org.xbarsim.hw.common.ColumnSums.of(sums)));
        // for the shift-add unit: a forced-ideal bank passes the sums on unmade, a converting one its codes
        org.xbarsim.hw.common.ColumnSums unmade = org.xbarsim.hw.common.ColumnSums.of(sums);
        org.junit.jupiter.api.Assertions.assertSame(unmade, new AdcModel(4, 9, true, 8, 1).converted(unmade));
        assertEquals(converted, four.converted(unmade).values());
    }
}
