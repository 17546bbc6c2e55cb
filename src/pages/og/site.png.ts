/** The site's social card (og/site.png), shared by every page that is not a lesson. */
import type { APIRoute } from 'astro';
import { SITE_CARD } from '../../lib/share/cards.ts';
import { cardPng } from './_card.ts';

export const GET: APIRoute = () => cardPng(SITE_CARD);
