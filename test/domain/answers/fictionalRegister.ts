import type { SystemRecord } from '../../../src/domain/register/system';
import { aPerson, aSystem } from '../../support/systemMother';

/**
 * A small fictional municipality. Names are chosen to trip the matcher: systems that share words (Agresso,
 * Agresso Ekonomi; Visma Window, Visma Personec), digits and spaces (W3D3, Office 365, Combine2), three people
 * called Anna, names with å, ä, ö, and units (avdelningar) that share the word "avdelningen".
 */
export const kommunledning = 'Kommunledningsförvaltningen';
export const social = 'Socialförvaltningen';
export const skola = 'Barn- och utbildningsförvaltningen';

export const annaBerg = aPerson('Anna Berg');
export const annaSvensson = aPerson('Anna Svensson');
export const annaLind = aPerson('Anna Lind');
export const bjornAstrom = aPerson('Björn Åström', 'bjorn.astrom@kommun.se');
export const karinOberg = aPerson('Karin Öberg', 'karin.oberg@kommun.se');
export const erikLund = aPerson('Erik Lund');
export const saraHolm = aPerson('Sara Holm');
export const mariaNilsson = aPerson('Maria Nilsson');
export const jonasEk = aPerson('Jonas Ek');
export const petraLind = aPerson('Petra Lind', null);
export const helenaStrom = aPerson('Helena Ström', 'helena.strom@kommun.se');
export const olofHed = aPerson('Olof Hed');

export function fictionalRegister(): SystemRecord[] {
  return [
    aSystem({
      name: 'Agresso',
      unit: 'Ekonomiavdelningen',
      description: 'Ekonomisystem för redovisning och fakturor',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: annaBerg,
      managers: [erikLund],
      administrators: [saraHolm],
      businessCritical: true,
    }),
    aSystem({
      name: 'Agresso Ekonomi',
      unit: 'Ekonomiavdelningen',
      description: 'Budget och uppföljning',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: annaSvensson,
      managers: [erikLund],
      businessCritical: false,
    }),
    aSystem({
      name: 'Visma Window',
      unit: 'HR-avdelningen',
      description: 'Lön och personaladministration',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: bjornAstrom,
      managers: [karinOberg],
      administrators: [saraHolm],
      businessCritical: true,
    }),
    aSystem({
      name: 'Visma Personec',
      unit: 'HR-avdelningen',
      description: 'Schemaläggning och tidrapportering',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: annaBerg,
      managers: [karinOberg],
      businessCritical: false,
    }),
    aSystem({
      name: 'Procapita VoO',
      unit: 'Vård och omsorg',
      description: 'Verksamhetssystem för vård och omsorg',
      departments: [social],
      owner: 'Socialnämnden',
      responsible: mariaNilsson,
      managers: [jonasEk],
      pilots: [petraLind],
      responsibleChief: helenaStrom,
      businessCritical: true,
    }),
    aSystem({
      name: 'W3D3',
      unit: 'Kansliavdelningen',
      description: 'Diarium och ärendehantering',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: olofHed,
      managers: [annaBerg],
      businessCritical: false,
    }),
    aSystem({
      name: 'Office 365',
      unit: 'IT-avdelningen',
      description: 'E-post, kalender och samarbete',
      departments: [kommunledning, social, skola],
      owner: 'Kommunstyrelsen',
      responsible: aPerson('Per Gren'),
      managers: [aPerson('Lisa Gren')],
      businessCritical: true,
    }),
    aSystem({
      name: 'Combine2',
      unit: 'Administrativa enheten',
      description: 'Elevregister och betyg',
      departments: [skola],
      owner: 'Barn- och utbildningsnämnden',
      responsible: aPerson('Johan Sand'),
      managers: [annaLind],
      businessCritical: true,
    }),
    aSystem({
      name: 'Skolplattformen',
      unit: 'Grundskolan',
      description: 'Lärplattform för grundskolan',
      departments: [skola],
      owner: 'Barn- och utbildningsnämnden',
      responsible: aPerson('Eva Strand'),
      businessCritical: false,
    }),
    aSystem({
      name: 'Treserva',
      unit: 'Individ- och familjeomsorg',
      description: 'Dokumentation inom individ- och familjeomsorg',
      departments: [social],
      owner: 'Socialnämnden',
      responsible: mariaNilsson,
      managers: [jonasEk],
      businessCritical: true,
    }),
  ];
}
