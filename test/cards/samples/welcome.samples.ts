import { helpCard, welcomeCard } from '../../../src/welcome/welcomeCards';
import type { CardSamples } from './cardSamples';

export const samples: CardSamples = {
  'welcome/cards/welcome.json': (lang) => [welcomeCard(lang)],
  'welcome/cards/help.json': (lang) => [helpCard(lang, false), helpCard(lang, true, 'This card is out of date.')],
};
