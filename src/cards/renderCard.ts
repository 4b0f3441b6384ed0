import * as ACData from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';

export type CardTemplate = object;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  [key: string]: unknown;
}

/**
 * Expands a JSON card template with data. Templates carry no text: every string comes from
 * the data (locale files, knowledge base, records).
 */
export function renderCard(template: CardTemplate, data: object): AdaptiveCard {
  return new ACData.Template(template).expand({ $root: data }) as AdaptiveCard;
}

export function cardAttachment(card: AdaptiveCard): Attachment {
  return CardFactory.adaptiveCard(card);
}
