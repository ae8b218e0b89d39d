/**
 * The word problems' stories: 20 everyday settings, each a quantity of one thing that a person
 * starts with and that operations change. Every sentence is written for its setting, so a problem
 * reads as English ("Maya gives 7 of her stickers to a friend"), not as a formula in words.
 */

export interface Person {
  name: string;
  /** Subject, object and possessive pronouns. */
  they: string;
  them: string;
  their: string;
}

export type Op = 'add' | 'sub' | 'mul' | 'div';

export interface Scenario {
  id: string;
  start(p: Person, n: number): string;
  /** One sentence per operation kind; `n` is the operand. */
  op: Record<Op, (p: Person, n: number) => string>;
  ask(p: Person): string;
}

const she = (name: string): Person => ({ name, they: 'she', them: 'her', their: 'her' });
const he = (name: string): Person => ({ name, they: 'he', them: 'him', their: 'his' });

export const PEOPLE: readonly Person[] = [
  she('Maya'),
  he('Liam'),
  she('Aisha'),
  he('Noah'),
  she('Sofia'),
  he('Mateo'),
  she('Priya'),
  he('Kenji'),
  she('Olivia'),
  he('Omar'),
  she('Zoe'),
  he('Lucas'),
  she('Amara'),
  he('Ethan'),
  she('Hana'),
  he('Diego'),
  she('Grace'),
  he('Samuel'),
  she('Lena'),
  he('Ravi'),
];

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'stickers',
    start: (p, n) => `${p.name} has ${n} stickers.`,
    op: {
      add: (p, n) => `A friend gives ${p.them} ${n} more stickers.`,
      sub: (p, n) =>
        `${cap(p.they)} gives ${n} of ${p.their} stickers to ${p.their} little brother.`,
      mul: (p, n) =>
        `${cap(p.they)} trades them so that ${p.they} ends up with ${n} times as many.`,
      div: (p, n) =>
        `${cap(p.they)} splits them equally into ${n} albums and keeps just one album.`,
    },
    ask: (p) => `How many stickers does ${p.name} have now?`,
  },
  {
    id: 'cookies',
    start: (p, n) => `${p.name} bakes ${n} cookies.`,
    op: {
      add: (_, n) => `Then another batch adds ${n} cookies.`,
      sub: (p, n) => `${cap(p.their)} family eats ${n} of them.`,
      mul: (_, n) =>
        `For a party, the recipe is scaled up so there are ${n} times as many cookies.`,
      div: (p, n) => `${cap(p.they)} packs them equally into ${n} boxes and keeps one box.`,
    },
    ask: (p) => `How many cookies does ${p.name} have in the end?`,
  },
  {
    id: 'savings',
    start: (p, n) => `${p.name} has $${n} in a piggy bank.`,
    op: {
      add: (_, n) => `A birthday card brings another $${n}.`,
      sub: (p, n) => `${cap(p.they)} spends $${n} on a book.`,
      mul: (_, n) => `By the end of the year the savings have grown to ${n} times that amount.`,
      div: (p, n) =>
        `${cap(p.they)} divides the money equally among ${n} jars and takes one jar to the fair.`,
    },
    ask: (p) => `How many dollars does ${p.name} have now?`,
  },
  {
    id: 'pages',
    start: (p, n) => `${p.name} reads ${n} pages of a novel on Monday.`,
    op: {
      add: (_, n) => `On Tuesday the total grows by ${n} pages.`,
      sub: (p, n) =>
        `${cap(p.they)} realizes ${n} of those pages were a chapter ${p.they} had already read, so they do not count.`,
      mul: (_, n) => `By Friday the count of pages read is ${n} times the count so far.`,
      div: (p, n) =>
        `${cap(p.they)} reports the pages read as ${n} equal parts and counts only one part.`,
    },
    ask: (p) => `How many pages does ${p.name} count in the end?`,
  },
  {
    id: 'marbles',
    start: (p, n) => `${p.name} keeps ${n} marbles in a jar.`,
    op: {
      add: (_, n) => `${n} more marbles are won in a game.`,
      sub: (_, n) => `${n} marbles roll under the sofa and are lost.`,
      mul: (p, n) =>
        `${cap(p.their)} grandmother gives ${p.them} enough to have ${n} times as many.`,
      div: (p, n) =>
        `${cap(p.they)} shares them equally with friends in ${n} equal piles and keeps one pile.`,
    },
    ask: (p) => `How many marbles does ${p.name} keep now?`,
  },
  {
    id: 'tickets',
    start: (p, n) => `${p.name} sells ${n} raffle tickets in the first hour.`,
    op: {
      add: (_, n) => `In the next hour ${n} more tickets are sold.`,
      sub: (_, n) => `${n} tickets are refunded.`,
      mul: (_, n) => `By the evening the number sold is ${n} times higher.`,
      div: (p, n) =>
        `The tickets sold are split evenly across ${n} prize draws; ${p.they} counts the tickets of one draw.`,
    },
    ask: () => `How many tickets are counted?`,
  },
  {
    id: 'garden',
    start: (p, n) => `${p.name} plants ${n} tulip bulbs.`,
    op: {
      add: (_, n) => `A neighbor adds ${n} more bulbs to the bed.`,
      sub: (_, n) => `Squirrels dig up ${n} of the bulbs.`,
      mul: (p, n) =>
        `The next spring the bulbs have multiplied to ${n} times as many, and ${p.they} counts them.`,
      div: (p, n) =>
        `${cap(p.they)} divides the bulbs equally among ${n} flower beds and looks at one bed.`,
    },
    ask: () => `How many bulbs are counted?`,
  },
  {
    id: 'steps',
    start: (p, n) => `${p.name} walks ${n} steps to the bus stop.`,
    op: {
      add: (_, n) => `A detour adds ${n} steps.`,
      sub: (_, n) => `A shortcut saves ${n} steps.`,
      mul: (p, n) => `Over the week ${p.they} walks ${n} times that distance in steps.`,
      div: (_, n) => `The walk is split into ${n} equal stretches; how long is one stretch?`,
    },
    ask: () => `How many steps is that?`,
  },
  {
    id: 'bakery',
    start: (p, n) => `${p.name}'s bakery has ${n} loaves of bread in the morning.`,
    op: {
      add: (_, n) => `The oven produces ${n} more loaves.`,
      sub: (_, n) => `Customers buy ${n} loaves before noon.`,
      mul: (_, n) => `For the holiday the bakery stocks ${n} times as many loaves.`,
      div: (_, n) =>
        `The loaves are shared equally among ${n} shops, and one shop's share is counted.`,
    },
    ask: () => `How many loaves are there now?`,
  },
  {
    id: 'library',
    start: (p, n) => `${p.name} volunteers at a library that lends ${n} books on Saturday.`,
    op: {
      add: (_, n) => `On Sunday ${n} more books are lent.`,
      sub: (_, n) => `${n} of those loans are cancelled.`,
      mul: (_, n) => `During the reading festival the loans become ${n} times as many.`,
      div: (_, n) => `The loans are recorded in ${n} equal batches; consider one batch.`,
    },
    ask: () => `How many loans are being counted?`,
  },
  {
    id: 'stamps',
    start: (p, n) => `${p.name} collects stamps and has ${n} of them.`,
    op: {
      add: (p, n) => `At a fair ${p.they} buys ${n} more stamps.`,
      sub: (p, n) => `${cap(p.they)} swaps away ${n} stamps.`,
      mul: (p, n) => `An inheritance makes ${p.their} collection ${n} times as large.`,
      div: (p, n) =>
        `${cap(p.they)} sorts the stamps into ${n} equal albums and lends all but one album.`,
    },
    ask: (p) => `How many stamps does ${p.name} still have at home?`,
  },
  {
    id: 'water',
    start: (p, n) => `${p.name} fills a tank with ${n} liters of water.`,
    op: {
      add: (_, n) => `Rain adds ${n} liters.`,
      sub: (p, n) => `${cap(p.they)} uses ${n} liters to water the garden.`,
      mul: (_, n) => `A bigger pump then fills it to ${n} times its current amount.`,
      div: (_, n) => `The water is poured equally into ${n} barrels; one barrel is measured.`,
    },
    ask: () => `How many liters are measured?`,
  },
  {
    id: 'points',
    start: (p, n) => `${p.name} scores ${n} points in the first round of a quiz.`,
    op: {
      add: (p, n) => `${cap(p.they)} earns ${n} more points in the second round.`,
      sub: (_, n) => `A penalty takes away ${n} points.`,
      mul: (_, n) => `The final round multiplies the score by ${n}.`,
      div: (_, n) => `The score is split evenly among ${n} team members; what does one member get?`,
    },
    ask: (p) => `What is ${p.name}'s score?`,
  },
  {
    id: 'eggs',
    start: (p, n) => `${p.name}'s hens lay ${n} eggs this week.`,
    op: {
      add: (_, n) => `A new hen adds ${n} eggs.`,
      sub: (p, n) => `${cap(p.they)} uses ${n} eggs for an omelet party.`,
      mul: (_, n) => `Over the season the total is ${n} times this.`,
      div: (_, n) => `The eggs go into ${n} equal cartons; count the eggs in one carton.`,
    },
    ask: () => `How many eggs is that?`,
  },
  {
    id: 'train',
    start: (_, n) => `A train leaves the station with ${n} passengers.`,
    op: {
      add: (_, n) => `At the next stop ${n} people get on.`,
      sub: (_, n) => `At the following stop ${n} people get off.`,
      mul: (_, n) => `During rush hour there are ${n} times as many passengers.`,
      div: (_, n) => `The passengers spread out equally over ${n} cars; count one car.`,
    },
    ask: (p) => `How many passengers does ${p.name}, the conductor, count?`,
  },
  {
    id: 'pencils',
    start: (p, n) => `${p.name}'s class has ${n} pencils.`,
    op: {
      add: (_, n) => `The school delivers ${n} new pencils.`,
      sub: (_, n) => `${n} pencils break and are thrown away.`,
      mul: (_, n) => `For exams the class orders ${n} times as many pencils as it has.`,
      div: (_, n) => `The pencils are shared equally among ${n} tables; how many are at one table?`,
    },
    ask: () => `How many pencils is that?`,
  },
  {
    id: 'apples',
    start: (p, n) => `${p.name} picks ${n} apples at an orchard.`,
    op: {
      add: (p, n) => `${cap(p.their)} cousin picks ${n} more and adds them to the basket.`,
      sub: (p, n) => `${cap(p.they)} sets aside ${n} bruised apples.`,
      mul: (_, n) => `A week of picking brings ${n} times as many apples.`,
      div: (p, n) =>
        `${cap(p.they)} bakes ${n} pies using the same number of apples in each; count the apples in one pie.`,
    },
    ask: () => `How many apples is that?`,
  },
  {
    id: 'laps',
    start: (p, n) => `${p.name} swims ${n} laps on Monday.`,
    op: {
      add: (_, n) => `On Wednesday the total grows by ${n} laps.`,
      sub: (p, n) => `${cap(p.their)} coach does not count ${n} laps swum too slowly.`,
      mul: (_, n) => `By the end of the month the counted laps are ${n} times as many.`,
      div: (_, n) => `The laps are spread evenly over ${n} sessions; count one session.`,
    },
    ask: () => `How many laps is that?`,
  },
  {
    id: 'photos',
    start: (p, n) => `${p.name} takes ${n} photos on a trip.`,
    op: {
      add: (p, n) => `${cap(p.they)} takes ${n} more on the way home.`,
      sub: (p, n) => `${cap(p.they)} deletes ${n} blurry photos.`,
      mul: (_, n) => `After copying them to every device there are ${n} times as many files.`,
      div: (p, n) =>
        `${cap(p.they)} makes ${n} albums with the same number of photos each; count one album.`,
    },
    ask: () => `How many photos is that?`,
  },
  {
    id: 'coins',
    start: (p, n) => `${p.name} finds ${n} coins in an old box.`,
    op: {
      add: (_, n) => `Another drawer holds ${n} more coins.`,
      sub: (p, n) => `${cap(p.they)} spends ${n} coins at the arcade.`,
      mul: (_, n) => `A coin dealer swaps each coin for ${n} new ones.`,
      div: (p, n) => `${cap(p.they)} stacks them into ${n} equal towers; count one tower.`,
    },
    ask: () => `How many coins is that?`,
  },
];
