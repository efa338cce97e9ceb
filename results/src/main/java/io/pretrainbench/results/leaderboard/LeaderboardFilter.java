package io.pretrainbench.results.leaderboard;

/** Which cells a leaderboard covers; null fields match everything. */
public record LeaderboardFilter(String task, Integer budget, String protocol) {
    public static final LeaderboardFilter ALL = new LeaderboardFilter(null, null, null);

    boolean matches(String cellTask, int cellBudget, String cellProtocol) {
        return (task == null || task.equals(cellTask))
                && (budget == null || budget == cellBudget)
                && (protocol == null || protocol.equals(cellProtocol));
    }
}
