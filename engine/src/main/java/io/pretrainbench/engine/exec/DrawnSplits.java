package io.pretrainbench.engine.exec;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.LabelSplits;
import io.pretrainbench.engine.grid.PluginChoice;
import io.pretrainbench.engine.registry.PluginKind;
import io.pretrainbench.engine.registry.PluginRegistry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The labelled examples cells were given, by budget and seed, exactly as {@link CellRunner} gives them (drawn, or read
 * from the cell's label-splits file): what {@code export-splits} writes, so a grid that reads the file back runs the
 * same cells.
 */
public final class DrawnSplits {
    private DrawnSplits() {}

    /**
     * @param cells cells of one task (one {@link PluginChoice}); their budgets and seeds become the lines
     * @throws IllegalArgumentException if two cells of the same budget and seed were given different examples (their
     *     grids held out different validation fractions)
     */
    public static SortedMap<LabelSplits.Key, int[]> of(List<Cell> cells, PluginRegistry registry) {
        Map<PluginChoice, TaskData> tasks = new HashMap<>();
        SortedMap<LabelSplits.Key, int[]> lines = new TreeMap<>();
        for (Cell cell : cells) {
            TaskData data = tasks.computeIfAbsent(
                    cell.task(), task -> ((DownstreamTask) registry.get(PluginKind.TASK, task.name()))
                            .load(DataContext.builder().params(task.params()).build()));
            int[] labelled = CellRunner.labelled(cell, data);
            LabelSplits.Key key = new LabelSplits.Key(cell.budget(), cell.seed());
            int[] earlier = lines.putIfAbsent(key, labelled);
            if (earlier != null && !Arrays.equals(earlier, labelled)) {
                throw new IllegalArgumentException(key + ": the stored cells were given different labelled examples"
                        + " (their grids hold out different validation fractions); export the runs apart");
            }
        }
        return lines;
    }
}
