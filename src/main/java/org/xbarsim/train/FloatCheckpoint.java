package org.xbarsim.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xbarsim.UserInputException;
import org.xbarsim.io.AtomicFiles;

/**
 * The float parameters after pre-training and of the finished baseline, saved so that further runs
 * with other targets (budgets, sparsities, distillation settings) skip the two phases they share.
 *
 * <p>Format: the magic {@code XBARSIM-FLOAT-CHECKPOINT 1}, the options that produced the
 * parameters as {@code key=value} lines (a run only reuses a checkpoint whose keys all match its
 * own), then for each network (pre-trained, baseline) and each weighted layer the weights and the
 * biases as big-endian floats (with batch norm, after them the layer's gammas and betas, for
 * the layers that have them), and a CRC-32 of everything before it. Floats are stored bit for bit,
 * so a run from a checkpoint writes the same bytes as one that trains from scratch.
 */
final class FloatCheckpoint {
    static final String MAGIC = "XBARSIM-FLOAT-CHECKPOINT 1";

    /** The two networks a checkpoint holds. */
    record Networks(FloatParams pretrained, FloatParams baseline) {
    }

    private FloatCheckpoint() {
    }

    /** The options a checkpoint must agree on, in a fixed order. */
    static Map<String, String> key(TrainOptions o, int trainImages) {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("arch", o.arch());
        k.put("width", Double.toString(o.width()));
        k.put("dataset", o.dataset());
        k.put("train-images", Integer.toString(trainImages));
        k.put("seed", Long.toString(o.seed()));
        k.put("pretrain-epochs", Integer.toString(o.pretrainEpochs()));
        k.put("baseline-extra-epochs", Integer.toString(o.baselineExtraEpochs()));
        k.put("batch-size", Integer.toString(o.batchSize()));
        k.put("lr", Double.toString(o.learningRate()));
        if (o.augmentation().isOn()) {
            // only when on, so checkpoints written before augmentation existed still match runs without it
            k.put("augmentation", o.augmentation().describe());
        }
        if (o.batchNorm()) {
            // likewise only when on
            k.put("batch-norm", "on");
        }
        return k;
    }

    static void write(Path file, Map<String, String> key, Networks n) {
        AtomicFiles.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.writeUTF(MAGIC);
            out.writeInt(key.size());
            for (Map.Entry<String, String> e : key.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            for (FloatParams p : List.of(n.pretrained(), n.baseline())) {
                for (int i = 0; i < p.weights.size(); i++) {
                    writeFloats(out, p.weightValues(i));
                    writeFloats(out, p.biasValues(i));
                    if (p.hasBatchNorm() && p.gammas.get(i) != null) {
                        writeFloats(out, p.gammas.get(i).dup('c').data().asFloat());
                        writeFloats(out, p.betas.get(i).dup('c').data().asFloat());
                    }
                }
            }
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
        });
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    /** Reads {@code file}; the message of any problem names the file and what is wrong. */
    static Networks read(Path file, Map<String, String> expectedKey, Architecture arch) {
        org.xbarsim.io.InputFiles.check(file, "checkpoint file", org.xbarsim.io.InputFiles.MAX_MODEL_BYTES);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw bad(file, "not an xbarsim float checkpoint (first field is '" + magic + "')");
            }
            int n = in.readInt();
            if (n < 0 || n > 100) {
                throw bad(file, "corrupt header (" + n + " keys)");
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                key.put(in.readUTF(), in.readUTF());
            }
            // both ways: an optional key (augmentation) the file has and this run lacks is a mismatch too
            Set<String> names = new LinkedHashSet<>(expectedKey.keySet());
            names.addAll(key.keySet());
            for (String name : names) {
                String have = key.get(name);
                String want = expectedKey.get(name);
                if (!Objects.equals(want, have)) {
                    throw bad(file, "made with " + name + " = " + have + ", but this run has " + name + " = "
                            + want + " (use another --checkpoint file, or delete this one to retrain)");
                }
            }
            boolean batchNorm = key.containsKey("batch-norm");
            FloatParams pre = readParams(in, arch, file, batchNorm);
            FloatParams base = readParams(in, arch, file, batchNorm);
            long computed = checked.getChecksum().getValue();
            long stored = in.readLong();
            if (computed != stored) {
                throw bad(file, "checksum mismatch: the file is corrupt");
            }
            if (in.read() != -1) {
                throw bad(file, "unexpected bytes after the checksum");
            }
            return new Networks(pre, base);
        } catch (EOFException e) {
            throw bad(file, "truncated");
        } catch (IOException e) {
            throw bad(file, e.getMessage());
        }
    }

    private static FloatParams readParams(DataInputStream in, Architecture arch, Path file, boolean batchNorm)
            throws IOException {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        List<INDArray> g = new ArrayList<>();
        List<INDArray> be = new ArrayList<>();
        for (Architecture.Weighted l : arch.weighted()) {
            w.add(Nd4j.create(readFloats(in, l.weightCount(), file, l.name() + " weights"), l.paramShape(), 'c'));
            b.add(vector(readFloats(in, l.outChannels(), file, l.name() + " biases")));
            boolean normalized = batchNorm && FloatParams.normalized(l);
            g.add(normalized ? vector(readFloats(in, l.outChannels(), file, l.name() + " batch-norm gammas")) : null);
            be.add(normalized ? vector(readFloats(in, l.outChannels(), file, l.name() + " batch-norm betas")) : null);
        }
        return batchNorm ? FloatParams.of(arch, w, b, g, be) : FloatParams.of(arch, w, b);
    }

    private static INDArray vector(float[] v) {
        return Nd4j.create(v, new long[] {v.length}, 'c');
    }

    private static float[] readFloats(DataInputStream in, int expected, Path file, String what) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw bad(file, what + ": " + n + " values, the architecture has " + expected);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private static UserInputException bad(Path file, String problem) {
        return new UserInputException("checkpoint " + file + ": " + problem);
    }
}
