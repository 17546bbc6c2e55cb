// Goal: an agent that wins at least 60% of 3×3 Snake games after at most 30 s of training.
// The grader calls train(env, budget) once, then plays 1,000 games with the policy it returns.
//
// env.reset()        starts a game and returns its first state
// env.step(action)   plays 0 up, 1 down, 2 left or 3 right and returns { state, reward, done, won }
//                    rewards: +1 for eating, +10 for filling the board, −10 for dying, 0 otherwise
// env.stateKey(s)    a string that identifies a state: use it as the key of your Q-table
// env.actions        the number of actions (4)
// budget.timeLeft()  milliseconds of training time left

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

  // TODO 1: ε-greedy. With probability epsilon return a random action (0 … env.actions − 1),
  // otherwise the greedy action of this state. For now it always plays at random.
  function chooseAction(state, epsilon) {
    return Math.floor(Math.random() * env.actions);
  }

  // TODO 2: the Q-learning update of Q(s, a) = values(state)[action] after the step
  // (state, action) → (reward, next). Remember the case where the game ended (done).
  function update(state, action, reward, next, done) {
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
