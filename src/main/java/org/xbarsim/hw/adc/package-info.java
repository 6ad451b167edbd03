/**
 * A crossbar's ADC bank: the {@link org.xbarsim.hw.adc.AdcBank} actor shell over the pure
 * {@link org.xbarsim.hw.adc.AdcModel} (clipping, rounding to the resolution, conversion timing).
 */
package org.xbarsim.hw.adc;
