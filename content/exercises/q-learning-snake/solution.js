// Tabular Q-learning for 3×3 Snake: it wins nearly every evaluation game after a few seconds.

function train(env, budget) {
  // The Q-table: one row of 4 action values per state, created (all 0) the first time a state is seen.
  const Q = new Map();
  function values(state) {
    const key = env.stateKey(state);
    let row = Q.get(key);
    if (!row) {
      row = new Array(env.actions).fill(0);
      Q.set(key, row);
    }
    return row;
  }

  // The action with the largest value (the first one on a tie).
  function greedy(row) {
    let best = 0;
    for (let a = 1; a < row.length; a++) if (row[a] > row[best]) best = a;
    return best;
  }

  const eta = 0.5; // the learning rate η
  const gamma = 0.9; // discount

  // ε-greedy: explore with probability ε, otherwise take the best action known so far.
  function chooseAction(state, epsilon) {
    if (Math.random() < epsilon) return Math.floor(Math.random() * env.actions);
    return greedy(values(state));
  }

  // The Q-learning update: move Q(s, a) a fraction η towards r + γ · max Q(s′, ·),
  // or towards r alone when the episode ended (nothing can be earned after the end).
  function update(state, action, reward, next, done) {
    const row = values(state);
    const target = done ? reward : reward + gamma * Math.max(...values(next));
    row[action] += eta * (target - row[action]);
  }

  // Training: ε falls linearly from 1 to 0.05 over the first episodes, then stays there.
  const episodes = 60000;
  const decayEpisodes = 40000;
  const startEpsilon = 1;
  const endEpsilon = 0.05;
  let wins = 0;
  let episode = 0;
  // Stop when the episodes are done or the time budget is spent, whichever comes first.
  while (episode < episodes && budget.timeLeft() > 0) {
    const epsilon = endEpsilon + (startEpsilon - endEpsilon) * Math.max(0, 1 - episode / decayEpisodes);
    let state = env.reset();
    for (;;) {
      const action = chooseAction(state, epsilon);
      const { state: next, reward, done, won } = env.step(action);
      update(state, action, reward, next, done);
      if (done) {
        if (won) wins++;
        break;
      }
      state = next;
    }
    episode++;
    if (episode % 5000 === 0) {
      print(`Episode ${episode}: ${wins} of the last 5000 games won (ε = ${epsilon.toFixed(2)}), ${Q.size} states seen.`);
      progress(episode / episodes, `Episode ${episode} of ${episodes}`);
      wins = 0;
    }
  }
  print(`Trained on ${episode} episodes; the table has ${Q.size} states.`);

  // The policy the grader plays: always the greedy action, no exploration.
  return (state) => greedy(values(state));
}
