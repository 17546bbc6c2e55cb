/**
 * The lesson's running example: one sneaker of the Fashion-MNIST test set that the pretrained CNN
 * classifies right with high confidence, attacked throughout "Adversarial examples".
 *
 * Why this one (src/lib/adversarial/sneaker.test.ts checks every claim against the committed model and
 * the test set): it is a sneaker (label 7); the pretrained model gives it 99.4% Sneaker; FGSM first
 * flips it at ε = 0.073 (into Sandal), well inside the lesson's slider; at LESSON_EPSILON = 0.1 the
 * model is clearly fooled (Sneaker drops to about 5%).
 */

/** Index of the lesson's sneaker in the Fashion-MNIST test set (0-based). */
export const LESSON_SNEAKER_INDEX = 70;

/** The class of a targeted attack ("make this sneaker a bag"): 8 = Bag (FASHION_CLASS_NAMES). */
export const TARGET_CLASS = 8;

/** The max-norm budget the lesson attacks with (pixels are 0..1). */
export const LESSON_EPSILON = 0.1;

/** The images of every robustness curve: the first 1,000 of the test set. */
export const ATTACK_IMAGES = 1000;
